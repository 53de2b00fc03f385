"""Every applicant but a Kommune (planning.md § 6): the Vorstand (or another board) decides,
the Mitgliederversammlung where the Satzung asks for it; a Privatperson decides alone (§ 4)."""

from __future__ import annotations

from datetime import timedelta

from funding_matcher.domain.german import format_date, format_eur_compact

from .model import PlanBuilder
from .request import Resolved
from .steps import Decision, intern, sitzung
from .workdays import previous_working_day


def private_decision(r: Resolved) -> Decision:
    """A private person: D = T0 minus the board buffer, moved back; no row of its own."""
    days = r.settings.board_buffer_days
    day = previous_working_day(r.anchor.t0 - timedelta(days=days), r.state)
    return Decision(day, f"der eigenen Entscheidung (Antragsfrist minus {days} Tage)")


def board_decision(r: Resolved, plan: PlanBuilder) -> Decision:
    """Vorstandsbeschluss (one date), and the Mitgliederversammlung with its Einladung."""
    settings = r.settings
    title = settings.board_title
    days = settings.board_buffer_days
    latest = r.anchor.t0 - timedelta(days=days)
    board_days = settings.days_of("vorstand")
    fitting = [d for d in board_days if d <= latest]
    row_title = "Vorstandsbeschluss" if title == "Vorstand" else f"Beschluss {title}"
    phrase = "dem Vorstandsbeschluss" if title == "Vorstand" else f"dem Beschluss ({title})"
    if fitting:
        board = sitzung(
            "vorstandsbeschluss",
            row_title,
            max(fitting),
            f"letzte Sitzung ({title}) bis {format_date(latest)} (Frist minus {days} Tage)",
        )
    else:
        if board_days:
            plan.warn(
                "board_not_reachable",
                f"Keine Sitzung ({title}) bis {format_date(latest)} im Kalender (Antragsfrist "
                f"minus {days} Tage): Sondersitzung oder Umlaufbeschluss einplanen.",
            )
        board = intern(
            r,
            "vorstandsbeschluss",
            row_title,
            latest,
            f"Antragsfrist minus {days} Tage: Sondersitzung oder Umlaufbeschluss",
        )
    decision = Decision(board.due, phrase, [board])
    if not _assembly_needed(r):
        return decision
    mv = settings.mv
    assert mv is not None  # noqa: S101 - checked by _assembly_needed
    found = [d for d in settings.days_of("mitgliederversammlung") if d <= latest]
    if not found:
        plan.warn(
            "mv_not_reachable",
            f"Keine Mitgliederversammlung bis {format_date(latest)} im Kalender, die Satzung "
            "verlangt ihre Zustimmung: außerordentliche Versammlung einberufen oder den Antrag "
            "später stellen.",
        )
        decision.rows += [
            sitzung(
                "mitgliederversammlung",
                "Beschluss der Mitgliederversammlung",
                None,
                "keine Versammlung im Kalender",
            ),
            intern(
                r,
                "mv_einberufung",
                "Einladung zur Mitgliederversammlung versenden",
                None,
                "hängt vom Termin der Versammlung ab",
            ),
        ]
        return decision
    assembly = max(found)
    decision.rows.append(
        sitzung(
            "mitgliederversammlung",
            "Beschluss der Mitgliederversammlung",
            assembly,
            f"letzte Versammlung bis {format_date(latest)}; {assembly_reason(r)}",
        )
    )
    if mv.einberufungsfrist_days is None:
        plan.warn(
            "mv_einberufungsfrist_unknown",
            "Einberufungsfrist der Mitgliederversammlung unbekannt: Tragen Sie die Frist aus "
            "der Satzung in den Einstellungen ein.",
        )
        invitation = intern(
            r,
            "mv_einberufung",
            "Einladung zur Mitgliederversammlung versenden",
            None,
            "Einberufungsfrist laut Satzung eintragen",
        )
    else:
        frist = mv.einberufungsfrist_days
        invitation = intern(
            r,
            "mv_einberufung",
            "Einladung zur Mitgliederversammlung versenden",
            assembly - timedelta(days=frist),
            f"Versammlung {format_date(assembly)} minus Einberufungsfrist {frist} Tage",
        )
    decision.rows.append(invitation)
    if invitation.due is not None and (decision.day is None or invitation.due < decision.day):
        decision.day = invitation.due
        decision.phrase = "der Einladung zur Mitgliederversammlung"
    return decision


def _assembly_needed(r: Resolved) -> bool:
    mv = r.settings.mv
    if mv is None:
        return False
    if mv.required:
        return True
    return mv.threshold_eur is not None and (r.amount is None or r.amount > mv.threshold_eur)


def assembly_reason(r: Resolved) -> str:
    """Why the Mitgliederversammlung decides, for the row's note."""
    mv = r.settings.mv
    if mv is None or mv.required or mv.threshold_eur is None:
        return "laut Satzung"
    return f"Betrag über {format_eur_compact(mv.threshold_eur)} (Satzung)"
