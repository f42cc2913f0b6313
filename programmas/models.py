"""Models arrive with their issue; the app exists now so the dependency order is fixed."""
