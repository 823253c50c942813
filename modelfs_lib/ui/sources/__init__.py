"""The ModelSources views: list, detail and the create/edit wizard."""
