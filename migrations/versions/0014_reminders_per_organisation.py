"""reminders: organisations a person works for whose dates stay out of their e-mail

Revision ID: 0014_reminders_per_organisation
Revises: 0013_dated_draft_titles
Create Date: 2026-12-07 14:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0014_reminders_per_organisation"
down_revision = "0013_dated_draft_titles"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("reminder_settings", schema=None) as batch_op:
        batch_op.add_column(sa.Column("muted_organisation_ids", sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table("reminder_settings", schema=None) as batch_op:
        batch_op.drop_column("muted_organisation_ids")
