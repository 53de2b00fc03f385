"""projects: drafts begun before drafts were dated get their date as name ("Entwurf vom
07.12.2026, 11:13 Uhr" instead of "Neues Projekt (Entwurf)"), so that several stay apart

Revision ID: 0013_dated_draft_titles
Revises: 7c4e1a9b3d21
Create Date: 2026-12-07 14:00:00

"""
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = "0013_dated_draft_titles"
down_revision = "7c4e1a9b3d21"
branch_labels = None
depends_on = None

OLD_TITLE = "Neues Projekt (Entwurf)"
BERLIN = ZoneInfo("Europe/Berlin")
projects = sa.table(
    "project_profiles",
    sa.column("id", sa.Integer),
    sa.column("title", sa.String),
    sa.column("created_at", sa.DateTime(timezone=True)),
)


def dated(created: datetime | str) -> str:
    """The name the app gives a draft now (operations/projects.draft_title, written out here:
    a migration keeps the rule of its day)."""
    if isinstance(created, str):  # SQLite hands back text
        created = datetime.fromisoformat(created)
    if created.tzinfo is None:
        created = created.replace(tzinfo=UTC)
    return f"Entwurf vom {created.astimezone(BERLIN).strftime('%d.%m.%Y, %H:%M Uhr')}"


def upgrade():
    bind = op.get_bind()
    rows = bind.execute(
        sa.select(projects.c.id, projects.c.created_at).where(projects.c.title == OLD_TITLE)
    ).all()
    for row in rows:
        bind.execute(
            projects.update().where(projects.c.id == row.id).values(title=dated(row.created_at))
        )


def downgrade():
    pass  # the old name said less; nothing to restore
