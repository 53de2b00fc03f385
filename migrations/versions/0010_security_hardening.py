"""security: repair orphans left while SQLite ignored foreign keys, atomic throttle counters,
application id of the SQLite file

Revision ID: 5e1c0a7d2b94
Revises: 3b1f7c2a9d40
Create Date: 2026-12-01 10:00:00

SQLite enforced no foreign key before this release (the pragma was never switched on), so a
deleted project could leave its applications, their sections and milestones behind, and the
organisation's dashboard, calendar and feed failed on them. This migration finds every row
whose parent is gone and repairs it as the foreign key says: ON DELETE CASCADE rows are
deleted (repeated until a pass finds nothing, so grandchildren follow), SET NULL columns are
cleared. On PostgreSQL the keys were always enforced and nothing is found.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5e1c0a7d2b94'
down_revision = '3b1f7c2a9d40'
branch_labels = None
depends_on = None

# "FMAT": the SQLite header's application id, so that restore recognises a file of ours.
APPLICATION_ID = 0x464D4154


def _foreign_keys(bind):
    """(table, column, parent table, parent column, ondelete) of every one-column key."""
    inspector = sa.inspect(bind)
    found = []
    for table in inspector.get_table_names():
        for key in inspector.get_foreign_keys(table):
            if len(key["constrained_columns"]) != 1:
                continue
            action = (key.get("options") or {}).get("ondelete") or ""
            found.append(
                (
                    table,
                    key["constrained_columns"][0],
                    key["referred_table"],
                    key["referred_columns"][0],
                    action.upper(),
                )
            )
    return found


def repair_orphans(bind):
    """Delete or clear rows whose parent row no longer exists; returns what was repaired."""
    keys = _foreign_keys(bind)
    repaired = {}
    for _ in range(20):  # a chain of parents is never this deep; stops when a pass is clean
        changed = 0
        for table, column, parent, parent_column, action in keys:
            orphan = (
                f'"{column}" IS NOT NULL AND "{column}" NOT IN '
                f'(SELECT "{parent_column}" FROM "{parent}")'
            )
            if action == "SET NULL":
                sql = f'UPDATE "{table}" SET "{column}" = NULL WHERE {orphan}'
            else:
                sql = f'DELETE FROM "{table}" WHERE {orphan}'
            count = bind.execute(sa.text(sql)).rowcount or 0
            if count:
                repaired[f"{table}.{column}"] = repaired.get(f"{table}.{column}", 0) + count
                changed += count
        if not changed:
            break
    return repaired


def upgrade():
    bind = op.get_bind()
    repaired = repair_orphans(bind)
    if repaired:
        print("Verwaiste Zeilen repariert: " + ", ".join(f"{k} {v}" for k, v in repaired.items()))

    op.create_table('throttle_counters',
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.Column('last_at', sa.Float(), nullable=False),
    sa.Column('blocked_until', sa.Float(), nullable=False),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_throttle_counters'))
    )
    with op.batch_alter_table('throttle_counters', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_throttle_counters_last_at'), ['last_at'], unique=False)
    with op.batch_alter_table('login_failures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_login_failures_key'))
        batch_op.drop_index(batch_op.f('ix_login_failures_at'))
    op.drop_table('login_failures')

    if bind.dialect.name == "sqlite":
        bind.exec_driver_sql(f"PRAGMA application_id = {APPLICATION_ID}")


def downgrade():
    bind = op.get_bind()
    if bind.dialect.name == "sqlite":
        bind.exec_driver_sql("PRAGMA application_id = 0")
    op.create_table('login_failures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=300), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_login_failures'))
    )
    with op.batch_alter_table('login_failures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_login_failures_at'), ['at'], unique=False)
        batch_op.create_index(batch_op.f('ix_login_failures_key'), ['key'], unique=False)
    with op.batch_alter_table('throttle_counters', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_throttle_counters_last_at'))
    op.drop_table('throttle_counters')
