"""matcher: planned financing of an application from the funding mix

Revision ID: 3b1f7c2a9d40
Revises: 5d2c7a9e41b3
Create Date: 2026-11-30 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '3b1f7c2a9d40'
down_revision = '5d2c7a9e41b3'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.add_column(sa.Column('planned_financing', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('applications', schema=None) as batch_op:
        batch_op.drop_column('planned_financing')
