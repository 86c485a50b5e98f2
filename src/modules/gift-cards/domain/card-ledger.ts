import { defineLifecycle } from '../../../platform/lifecycle/lifecycle';

/** A card's status (API.md "Gift cards"): `spent` at a zero balance, `expired` past its validity. */
export type CardStatus = 'active' | 'gifting' | 'spent' | 'expired';

export const CARD_LIFECYCLE = defineLifecycle<CardStatus>({
  name: 'gift card',
  table: 'gift_cards',
  initial: ['active'],
  transitions: {
    // active → active: a hold, a take or a release that leaves a balance.
    active: ['active', 'gifting', 'spent', 'expired'],
    gifting: ['active', 'expired'],
    // A refund brings a spent card back.
    spent: ['active', 'expired'],
    // A refund to an expired card expires at once again (refund + expire rows).
    expired: ['expired'],
  },
});

export const LEDGER_KINDS = ['issue', 'redeem', 'refund', 'expire', 'gift_out', 'gift_in'] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** One append-only ledger row: the signed change of the balance. */
export interface LedgerEntry {
  kind: LedgerKind;
  amountFen: number;
}

/** What the rules need of a card; `heldFen` is what orders awaiting payment hold of the balance. */
export interface CardState {
  status: CardStatus;
  balanceFen: number;
  heldFen: number;
}

export type CardEvent =
  /** Holds up to `amountFen` of the balance for an order awaiting payment; a card one order holds, no other may. */
  | { type: 'hold'; amountFen: number }
  /** The order was paid: what it held leaves the card. */
  | { type: 'take'; amountFen: number }
  /** The order was cancelled or expired: what it held is free again. */
  | { type: 'release'; amountFen: number }
  /** Money of a refunded order comes back to the card. */
  | { type: 'refund'; amountFen: number }
  /** Past its validity: the balance becomes the merchant's breakage. */
  | { type: 'expire' }
  /**
   * The `gift_card` order that bought an untouched card was refunded: the card is taken back, its face value
   * un-issued (an `issue` row of minus the face value), and it can never be used again.
   */
  | { type: 'revoke'; faceValueFen: number }
  | { type: 'gift' }
  /** An unclaimed gift back with its giver. */
  | { type: 'return' }
  /** A gift claimed: the balance leaves the giver and comes to the claimer, on the same card. */
  | { type: 'claim' };

export interface CardMove {
  card: CardState;
  entries: LedgerEntry[];
}

/** A move the rules refuse: the card is unchanged. */
export class CardRuleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CardRuleError';
  }
}

const positive = (amountFen: number, what: string): void => {
  if (!Number.isSafeInteger(amountFen) || amountFen <= 0) throw new CardRuleError(`${what} of ${amountFen} fen`);
};

/** A new card of `faceValueFen`, and its issue row. */
export function issueCard(faceValueFen: number): { card: CardState; entry: LedgerEntry } {
  positive(faceValueFen, 'an issue');
  return {
    card: { status: 'active', balanceFen: faceValueFen, heldFen: 0 },
    entry: { kind: 'issue', amountFen: faceValueFen },
  };
}

/** A balance at zero is spent; a card keeps its other statuses otherwise. */
const settled = (card: CardState): CardState =>
  card.status === 'active' && card.balanceFen === 0 ? { ...card, status: 'spent' } : card;

/**
 * The ledger rules of one card: every change of the balance is exactly one row of its signed amount (a refund to
 * an expired card is two: it comes back and expires again), so the balance is always the sum of its rows; the
 * balance never goes below zero and holds never pass it. The repositories make the same moves in SQL, with CHECK
 * constraints as the last line of defence.
 */
export function applyCardEvent(card: CardState, event: CardEvent): CardMove {
  const none = (next: CardState): CardMove => ({ card: next, entries: [] });
  switch (event.type) {
    case 'hold': {
      positive(event.amountFen, 'a hold');
      if (card.status !== 'active') throw new CardRuleError(`a ${card.status} card holds nothing`);
      if (card.heldFen > 0) throw new CardRuleError('another order holds the card');
      return none({ ...card, heldFen: Math.min(card.balanceFen, event.amountFen) });
    }
    case 'take': {
      positive(event.amountFen, 'a take');
      if (event.amountFen > card.heldFen) throw new CardRuleError(`take ${event.amountFen} of ${card.heldFen} held`);
      const next = settled({
        ...card,
        balanceFen: card.balanceFen - event.amountFen,
        heldFen: card.heldFen - event.amountFen,
      });
      return { card: next, entries: [{ kind: 'redeem', amountFen: -event.amountFen }] };
    }
    case 'release':
      positive(event.amountFen, 'a release');
      if (event.amountFen > card.heldFen) throw new CardRuleError(`release ${event.amountFen} of ${card.heldFen} held`);
      return none({ ...card, heldFen: card.heldFen - event.amountFen });
    case 'refund': {
      positive(event.amountFen, 'a refund');
      const credited = { ...card, balanceFen: card.balanceFen + event.amountFen };
      const back: LedgerEntry = { kind: 'refund', amountFen: event.amountFen };
      if (card.status === 'expired') {
        return {
          card: { ...credited, balanceFen: card.balanceFen },
          entries: [back, { kind: 'expire', amountFen: -event.amountFen }],
        };
      }
      return {
        card: card.status === 'spent' ? { ...credited, status: 'active' } : credited,
        entries: [back],
      };
    }
    case 'expire': {
      if (card.status === 'expired') throw new CardRuleError('the card has expired already');
      if (card.heldFen > 0) throw new CardRuleError('an order still holds part of the card');
      const entries: LedgerEntry[] = card.balanceFen > 0 ? [{ kind: 'expire', amountFen: -card.balanceFen }] : [];
      return { card: { status: 'expired', balanceFen: 0, heldFen: 0 }, entries };
    }
    case 'revoke':
      if (card.status !== 'active' || card.heldFen > 0 || card.balanceFen !== event.faceValueFen) {
        throw new CardRuleError('only an active card at its face value that no order holds can be taken back');
      }
      return {
        card: { status: 'expired', balanceFen: 0, heldFen: 0 },
        entries: [{ kind: 'issue', amountFen: -event.faceValueFen }],
      };
    case 'gift':
      if (card.status !== 'active' || card.heldFen > 0) {
        throw new CardRuleError('only an active card that no order holds can be given');
      }
      return none({ ...card, status: 'gifting' });
    case 'return':
      if (card.status !== 'gifting') throw new CardRuleError(`a ${card.status} card is not being given`);
      return none({ ...card, status: 'active' });
    case 'claim': {
      if (card.status !== 'gifting') throw new CardRuleError(`a ${card.status} card is not being given`);
      const entries: LedgerEntry[] =
        card.balanceFen > 0
          ? [
              { kind: 'gift_out', amountFen: -card.balanceFen },
              { kind: 'gift_in', amountFen: card.balanceFen },
            ]
          : [];
      return { card: { ...card, status: 'active' }, entries };
    }
  }
}
