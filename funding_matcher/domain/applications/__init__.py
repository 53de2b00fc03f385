"""Applications: outline drafting, attachment checklist, status pipeline."""
