"""Sprint race models (built by its issue)."""
