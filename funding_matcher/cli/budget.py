"""``funding-matcher budget check``: the Kosten- und Finanzierungsplan checked as in budget.md."""

from __future__ import annotations

import click


@click.group("budget")
def budget_group() -> None:
    """Kosten- und Finanzierungspläne prüfen."""
