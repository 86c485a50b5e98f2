import { randomBytes } from 'node:crypto';
import { defineLifecycle } from '../../../platform/lifecycle/lifecycle';

/** A gift by share token: claimed once, or back with its giver when unclaimed past its deadline. */
export type GiftStatus = 'pending' | 'claimed' | 'returned';

export const GIFT_LIFECYCLE = defineLifecycle<GiftStatus>({
  name: 'gift card gift',
  table: 'gift_card_gifts',
  initial: ['pending'],
  transitions: { pending: ['claimed', 'returned'], claimed: [], returned: [] },
});

/** How long a gift waits for its friend (API.md: 24 h). */
export const GIFT_WINDOW_MS = 24 * 60 * 60 * 1000;

/** 24 random bytes, 32 base64url characters: a gift is found only through its link. */
export const newGiftToken = (): string => randomBytes(24).toString('base64url');
export const isGiftTokenShaped = (value: string): boolean => /^[A-Za-z0-9_-]{32}$/.test(value);
