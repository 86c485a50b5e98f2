import type { CampaignBase } from './campaign-kind';

/**
 * Once a campaign has started, only its name, a later end and more stock may change (docs/merchants.md,
 * "Editing"); `editableWhenStarted` names those fields of the kind's form (['name', 'endsAt', 'totalStock']).
 */
export interface CampaignLock {
  /** The campaign is active or ended: its form shows the lock notice and disables the other fields. */
  started: boolean;
  /** Whether the form field `name` (its first path segment) is disabled. */
  isLocked: (name: string) => boolean;
  /** The PATCH body: once started, only the fields that may still change, so an untouched one is never sent. */
  bodyOf: <B extends Record<string, unknown>>(values: B) => Partial<B>;
}

export function campaignLock(
  campaign: Pick<CampaignBase, 'status'> | undefined,
  editableWhenStarted: readonly string[],
): CampaignLock {
  const started = campaign !== undefined && campaign.status !== 'scheduled';
  const editable = new Set(editableWhenStarted);
  return {
    started,
    isLocked: (name) => started && !editable.has(name),
    bodyOf: (values) =>
      started ? (Object.fromEntries(Object.entries(values).filter(([key]) => editable.has(key))) as never) : values,
  };
}
