"""applications: where the requested amount comes from (the plan or the profile)

Revision ID: 0007_requested_source
Revises: 8cfd794f501c
Create Date: 2026-12-07 09:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0007_requested_source"
down_revision = "8cfd794f501c"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.add_column(sa.Column("requested_source", sa.String(length=10), nullable=True))
    # Until a plan is saved again, the stored amount came from the profile (or a status change).
    op.execute("UPDATE applications SET requested_source = 'profil'")


def downgrade():
    with op.batch_alter_table("applications", schema=None) as batch_op:
        batch_op.drop_column("requested_source")
