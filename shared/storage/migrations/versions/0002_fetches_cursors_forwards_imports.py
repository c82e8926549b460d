"""hydrations, poll cursors, forwards, import progress

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 00:48:05.575442
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('hydrations',
    sa.Column('tip_id', sa.String(length=64), nullable=False),
    sa.Column('platform', sa.String(length=32), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('params', sa.JSON(), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('forwarded_at', sa.DateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('tip_id')
    )
    with op.batch_alter_table('hydrations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hydrations_forwarded_at'), ['forwarded_at'], unique=False)

    op.create_table('import_progress',
    sa.Column('file_sha256', sa.String(length=64), nullable=False),
    sa.Column('path', sa.Text(), nullable=False),
    sa.Column('lines_done', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('file_sha256')
    )
    op.create_table('poll_cursors',
    sa.Column('name', sa.String(length=128), nullable=False),
    sa.Column('cursor', sa.String(length=255), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('name')
    )
    op.create_table('forwards',
    sa.Column('tip_id', sa.String(length=64), nullable=False),
    sa.Column('agent', sa.String(length=128), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('forwarded_at', sa.DateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['tip_id'], ['tips.tip_id'], ),
    sa.PrimaryKeyConstraint('tip_id')
    )
    with op.batch_alter_table('tips', schema=None) as batch_op:
        batch_op.add_column(sa.Column('awaiting_fetch', sa.Boolean(), server_default=sa.false(), nullable=False))



def downgrade() -> None:
    with op.batch_alter_table('tips', schema=None) as batch_op:
        batch_op.drop_column('awaiting_fetch')

    op.drop_table('forwards')
    op.drop_table('poll_cursors')
    op.drop_table('import_progress')
    with op.batch_alter_table('hydrations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hydrations_forwarded_at'))

    op.drop_table('hydrations')
