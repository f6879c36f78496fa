"""Public, read-only pages: one module per thing people browse."""
