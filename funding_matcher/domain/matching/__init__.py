"""The matcher: text analysis, catalogue arrays, hard rules, scoring, reasons, ranking."""
