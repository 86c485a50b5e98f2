import type { CampaignStatus } from './campaign-status';

/**
 * The SQL twin of `campaignStatus` for a list's `?status=` filter, over a row's starts/ends/ended_at columns
 * (column names from code). `:now` is bound by the caller.
 */
export function campaignStatusCondition(
  status: CampaignStatus,
  columns: { alias: string; startsAt: string; endsAt: string },
): string {
  const { alias, startsAt, endsAt } = columns;
  const open = `${alias}.ended_at IS NULL AND ${alias}.${endsAt} > :now`;
  switch (status) {
    case 'scheduled':
      return `(${open} AND ${alias}.${startsAt} > :now)`;
    case 'active':
      return `(${open} AND ${alias}.${startsAt} <= :now)`;
    case 'ended':
      return `(${alias}.ended_at IS NOT NULL OR ${alias}.${endsAt} <= :now)`;
  }
}
