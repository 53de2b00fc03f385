"""Import of the federal funding database (Förderdatenbank) export as draft records."""
