"""planning (helper planning): rules v2 milestones (kind, legal_due, year, unique per step),
council calendar import, settings v2, award dates

Revision ID: 5d2c7a9e41b3
Revises: 0007_requested_source
Create Date: 2026-12-07 12:00:00.000000

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '5d2c7a9e41b3'
down_revision = '0007_requested_source'
branch_labels = None
depends_on = None

# Lead times of v1 that live on in settings v2 (planning.md § 8), and one that was renamed.
_KEPT = ("ladungsfrist_days", "internal_lead_days", "council_buffer_days")
_RENAMED = {"vorstandsbeschluss_days": "board_buffer_days"}
_KINDS = {
    "stichtag": ("einreichung",),
    "sitzung": ("ratsbeschluss", "ausschuss", "vorstandsbeschluss"),
    "frist": ("verwendungsnachweis",),
    "aufbewahrung": ("belege_aufbewahren",),
}


def upgrade():
    op.create_table('council_sources',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('organisation_id', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('label', sa.String(length=300), nullable=False),
    sa.Column('committees', sa.JSON(), nullable=False),
    sa.Column('mapping', sa.JSON(), nullable=False),
    sa.Column('meetings_url', sa.Text(), nullable=True),
    sa.Column('meetings', sa.JSON(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisations.id'], name=op.f('fk_council_sources_organisation_id_organisations'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_council_sources'))
    )
    with op.batch_alter_table('council_sources', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_council_sources_organisation_id'), ['organisation_id'], unique=False)

    with op.batch_alter_table('body_meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('source_id', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('external_id', sa.String(length=500), nullable=True))
        batch_op.create_index(batch_op.f('ix_body_meetings_source_id'), ['source_id'], unique=False)
        batch_op.create_unique_constraint(batch_op.f('uq_body_meetings_source_id'), ['source_id', 'external_id'])
        batch_op.create_foreign_key(batch_op.f('fk_body_meetings_source_id_council_sources'), 'council_sources', ['source_id'], ['id'], ondelete='CASCADE')

    op.create_table('award_dates',
    sa.Column('application_id', sa.Integer(), nullable=False),
    sa.Column('vn_due', sa.Date(), nullable=True),
    sa.Column('purpose_fulfilled', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['application_id'], ['applications.id'], name=op.f('fk_award_dates_application_id_applications'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('application_id', name=op.f('pk_award_dates'))
    )

    # Views used to rewrite milestones; two at once left a step twice. Keep the oldest row of
    # each step (it carries a person's edits first), then forbid duplicates.
    milestones = sa.table('milestones', sa.column('id'), sa.column('application_id'),
                          sa.column('phase'), sa.column('key'), sa.column('kind'))
    conn = op.get_bind()
    keep = (
        sa.select(sa.func.min(milestones.c.id))
        .group_by(milestones.c.application_id, milestones.c.phase, milestones.c.key)
        .scalar_subquery()
    )
    conn.execute(milestones.delete().where(milestones.c.id.not_in(keep)))
    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.add_column(sa.Column('kind', sa.String(length=16), server_default='intern', nullable=False))
        batch_op.add_column(sa.Column('legal_due', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('year', sa.Integer(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_milestones_application_id'), ['application_id', 'phase', 'key'])
    for kind, keys in _KINDS.items():
        conn.execute(milestones.update().where(milestones.c.key.in_(keys)).values(kind=kind))
    conn.execute(
        milestones.update().where(milestones.c.key.like('zwischennachweis%')).values(kind='frist')
    )

    with op.batch_alter_table('planning_settings', schema=None) as batch_op:
        batch_op.alter_column('offsets', new_column_name='settings', existing_type=sa.JSON(), existing_nullable=False)
    settings = sa.table('planning_settings', sa.column('organisation_id'), sa.column('settings', sa.JSON()))
    for organisation_id, old in conn.execute(sa.select(settings.c.organisation_id, settings.c.settings)).all():
        new = {k: v for k, v in (old or {}).items() if k in _KEPT}
        new.update({_RENAMED[k]: v for k, v in (old or {}).items() if k in _RENAMED})
        conn.execute(settings.update().where(settings.c.organisation_id == organisation_id).values(settings=new))


def downgrade():
    conn = op.get_bind()
    settings = sa.table('planning_settings', sa.column('organisation_id'), sa.column('settings', sa.JSON()))
    back = {v: k for k, v in _RENAMED.items()}
    for organisation_id, new in conn.execute(sa.select(settings.c.organisation_id, settings.c.settings)).all():
        old = {k: v for k, v in (new or {}).items() if k in _KEPT}
        old.update({back[k]: v for k, v in (new or {}).items() if k in back})
        conn.execute(settings.update().where(settings.c.organisation_id == organisation_id).values(settings=old))
    with op.batch_alter_table('planning_settings', schema=None) as batch_op:
        batch_op.alter_column('settings', new_column_name='offsets', existing_type=sa.JSON(), existing_nullable=False)

    with op.batch_alter_table('milestones', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_milestones_application_id'), type_='unique')
        batch_op.drop_column('year')
        batch_op.drop_column('legal_due')
        batch_op.drop_column('kind')

    op.drop_table('award_dates')
    with op.batch_alter_table('body_meetings', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_body_meetings_source_id_council_sources'), type_='foreignkey')
        batch_op.drop_constraint(batch_op.f('uq_body_meetings_source_id'), type_='unique')
        batch_op.drop_index(batch_op.f('ix_body_meetings_source_id'))
        batch_op.drop_column('external_id')
        batch_op.drop_column('source_id')

    with op.batch_alter_table('council_sources', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_council_sources_organisation_id'))

    op.drop_table('council_sources')
