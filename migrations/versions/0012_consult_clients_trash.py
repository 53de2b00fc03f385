"""consult: client organisations of a consultancy, the Land of an organisation, the
Papierkorb (trash entries; applications and projects marked while they lie there), the runs of
the daily job

Revision ID: 7c4e1a9b3d21
Revises: 0011_applicant_block
Create Date: 2026-12-07 09:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '7c4e1a9b3d21'
down_revision = '0011_applicant_block'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('state', sa.String(length=2), nullable=True))
        batch_op.add_column(sa.Column('consultancy_id', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_organisations_consultancy_id'), ['consultancy_id'], unique=False)
        batch_op.create_foreign_key(
            batch_op.f('fk_organisations_consultancy_id_organisations'),
            'organisations', ['consultancy_id'], ['id'], ondelete='SET NULL',
        )

    op.create_table('trash_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('label', sa.Text(), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.Column('deleted_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('deleted_by_id', sa.Integer(), nullable=True),
    sa.Column('purge_after', sa.Date(), nullable=False),
    sa.ForeignKeyConstraint(['deleted_by_id'], ['users.id'], name=op.f('fk_trash_entries_deleted_by_id_users'), ondelete='SET NULL'),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_trash_entries_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_trash_entries'))
    )
    with op.batch_alter_table('trash_entries', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_trash_entries_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_trash_entries_purge_after'), ['purge_after'], unique=False)

    for table in ('applications', 'project_profiles'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.add_column(sa.Column('trashed_in_id', sa.Integer(), nullable=True))
            batch_op.create_index(batch_op.f(f'ix_{table}_trashed_in_id'), ['trashed_in_id'], unique=False)
            batch_op.create_foreign_key(
                batch_op.f(f'fk_{table}_trashed_in_id_trash_entries'),
                'trash_entries', ['trashed_in_id'], ['id'], ondelete='CASCADE',
            )

    op.create_table('job_runs',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('last_run_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('last_day', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_job_runs'))
    )


def downgrade():
    op.drop_table('job_runs')
    for table in ('project_profiles', 'applications'):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_constraint(batch_op.f(f'fk_{table}_trashed_in_id_trash_entries'), type_='foreignkey')
            batch_op.drop_index(batch_op.f(f'ix_{table}_trashed_in_id'))
            batch_op.drop_column('trashed_in_id')
    with op.batch_alter_table('trash_entries', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_trash_entries_purge_after'))
        batch_op.drop_index(batch_op.f('ix_trash_entries_organisation_id'))
    op.drop_table('trash_entries')
    with op.batch_alter_table('organisations', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_organisations_consultancy_id_organisations'), type_='foreignkey')
        batch_op.drop_index(batch_op.f('ix_organisations_consultancy_id'))
        batch_op.drop_column('consultancy_id')
        batch_op.drop_column('state')
