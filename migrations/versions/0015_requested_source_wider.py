"""applications: room for the source "eingereicht" (an amount entered on submission)

Revision ID: 0015_requested_source_wider
Revises: 0014_reminders_per_organisation
Create Date: 2026-12-07 15:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0015_requested_source_wider"
down_revision = "0014_reminders_per_organisation"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.alter_column(
            "requested_source",
            existing_type=sa.String(length=10),
            type_=sa.String(length=20),
            existing_nullable=True,
        )


def downgrade():
    op.execute(
        "UPDATE applications SET requested_source = 'profil'"
        " WHERE requested_source = 'eingereicht'"
    )
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.alter_column(
            "requested_source",
            existing_type=sa.String(length=20),
            type_=sa.String(length=10),
            existing_nullable=True,
        )
