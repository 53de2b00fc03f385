"""The programme catalogue: records, files, deadlines, search, review, Förderdatenbank import."""
