"""organisations: the applicant block of the drafts (drafting helper)

Revision ID: 0011_applicant_block
Revises: 5e1c0a7d2b94
Create Date: 2026-12-08 09:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = "0011_applicant_block"
down_revision = "5e1c0a7d2b94"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.add_column(sa.Column("applicant", sa.JSON(), nullable=True))
    # An empty section is the tool's draft too: it now fills itself from the project's details.
    op.execute(
        sa.text("UPDATE application_sections SET prefilled = :yes WHERE text = ''").bindparams(
            yes=True
        )
    )


def downgrade():
    with op.batch_alter_table("organisations", schema=None) as batch_op:
        batch_op.drop_column("applicant")
