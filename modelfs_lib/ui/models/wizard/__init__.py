"""The Model create/edit wizard: basics, version cards, review, YAML edit."""
