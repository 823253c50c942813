"""The Models views: list, detail and the create/edit wizard."""
