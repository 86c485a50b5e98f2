/** Where a campaign stands, derived from the clock and its stored end (no job moves it). */
export type CampaignStatus = 'scheduled' | 'active' | 'ended';
export const CAMPAIGN_STATUSES: readonly CampaignStatus[] = ['scheduled', 'active', 'ended'];

export interface CampaignWindow {
  startsAt: Date;
  endsAt: Date;
  /** Set when the merchant ended it early; null otherwise. */
  endedAt: Date | null;
}

/** When it stops taking anything new: its end, or the moment it was ended early, whichever is first. */
export function closesAt(window: CampaignWindow): Date {
  return window.endedAt && window.endedAt < window.endsAt ? window.endedAt : window.endsAt;
}

/** `[startsAt, closesAt)` is active; an early end wins even before the start. */
export function campaignStatus(window: CampaignWindow, now: Date): CampaignStatus {
  if (window.endedAt !== null || now >= window.endsAt) return 'ended';
  return now < window.startsAt ? 'scheduled' : 'active';
}

export const hasStarted = (window: CampaignWindow, now: Date): boolean => now >= window.startsAt;

/** `status` and `endedAt` as every merchant view shows them. */
export function campaignState(window: CampaignWindow, now: Date): { status: CampaignStatus; endedAt: string | null } {
  return { status: campaignStatus(window, now), endedAt: window.endedAt?.toISOString() ?? null };
}
