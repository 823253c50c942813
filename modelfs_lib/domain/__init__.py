"""Pure domain rules over typed resources: status, schema validation. No cluster access, no UI."""
