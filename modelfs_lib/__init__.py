"""modelfs-ui: a console for the modelfs operator's Models, ModelSources and Datasets."""
