"""Plain-Python domain logic: no Flask, no database session, no forms."""
