"""incident lookup

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 01:44:28.083725
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op


revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('referral_plates',
    sa.Column('referral_id', sa.String(length=64), nullable=False),
    sa.Column('plate', sa.String(length=8), nullable=False),
    sa.ForeignKeyConstraint(['referral_id'], ['referrals.referral_id'], ),
    sa.PrimaryKeyConstraint('referral_id', 'plate')
    )
    with op.batch_alter_table('referral_plates', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_referral_plates_plate'), ['plate'], unique=False)

    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.add_column(sa.Column('municipality_code', sa.String(length=8), nullable=True))
        batch_op.create_index(batch_op.f('ix_referrals_municipality_code'), ['municipality_code'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('referrals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referrals_municipality_code'))
        batch_op.drop_column('municipality_code')

    with op.batch_alter_table('referral_plates', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_referral_plates_plate'))

    op.drop_table('referral_plates')
