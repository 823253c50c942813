"""The Models list: filters, the table and its actions."""
