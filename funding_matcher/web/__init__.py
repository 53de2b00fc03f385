"""Flask blueprints: one per area of the application."""
