import fc from 'fast-check';
import { applyCardEvent, CardEvent, CardRuleError, CardState, issueCard, LedgerEntry } from './card-ledger';
import { identityHolds, liabilityOf } from './liability';

const amount = fc.integer({ min: 1, max: 20_000 });
const eventOn = (faceValueFen: number): fc.Arbitrary<CardEvent> =>
  fc.oneof(
    amount.map((amountFen) => ({ type: 'hold' as const, amountFen })),
    amount.map((amountFen) => ({ type: 'take' as const, amountFen })),
    amount.map((amountFen) => ({ type: 'release' as const, amountFen })),
    amount.map((amountFen) => ({ type: 'refund' as const, amountFen })),
    fc.constant({ type: 'expire' as const }),
    fc.constant({ type: 'gift' as const }),
    fc.constant({ type: 'return' as const }),
    fc.constant({ type: 'claim' as const }),
    fc.constant({ type: 'revoke' as const, faceValueFen }),
  );
const faceAndEvents = fc
  .integer({ min: 1, max: 100_000 })
  .chain((face) => fc.tuple(fc.constant(face), fc.array(eventOn(face), { maxLength: 60 })));

const sum = (entries: readonly LedgerEntry[]) => entries.reduce((total, entry) => total + entry.amountFen, 0);

describe('card ledger rules', () => {
  it('over any sequence of moves the balance is the sum of the ledger, never below zero, holds never above it', () => {
    fc.assert(
      fc.property(faceAndEvents, ([face, events]) => {
        const issued = issueCard(face);
        let card: CardState = issued.card;
        const ledger: LedgerEntry[] = [issued.entry];
        for (const next of events) {
          let move;
          try {
            move = applyCardEvent(card, next);
          } catch (error) {
            if (!(error instanceof CardRuleError)) throw error;
            continue; // refused: the card is unchanged
          }
          card = move.card;
          ledger.push(...move.entries);
          expect(card.balanceFen).toBe(sum(ledger));
          expect(card.balanceFen).toBeGreaterThanOrEqual(0);
          expect(card.heldFen).toBeGreaterThanOrEqual(0);
          expect(card.heldFen).toBeLessThanOrEqual(card.balanceFen);
          // A card that can still be spent has something to spend.
          if (card.status === 'active' || card.status === 'gifting') expect(card.balanceFen).toBeGreaterThan(0);
          const sums: Record<string, number> = {};
          for (const entry of ledger) sums[entry.kind] = (sums[entry.kind] ?? 0) + entry.amountFen;
          const report = liabilityOf(sums);
          expect(report.outstandingFen).toBe(card.balanceFen);
          expect(identityHolds(report)).toBe(true);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('a hold takes what the order wants, up to the balance; a card one order holds, no other order may', () => {
    const card: CardState = { status: 'active', balanceFen: 10_000, heldFen: 0 };
    expect(applyCardEvent(card, { type: 'hold', amountFen: 3_000 }).card).toEqual({ ...card, heldFen: 3_000 });
    expect(applyCardEvent(card, { type: 'hold', amountFen: 15_000 }).card).toEqual({ ...card, heldFen: 10_000 });
    expect(() => applyCardEvent({ ...card, heldFen: 3_000 }, { type: 'hold', amountFen: 1 })).toThrow(CardRuleError);
  });

  it('taking the last of the balance spends the card; a refund brings it back', () => {
    const taken = applyCardEvent(
      { status: 'active', balanceFen: 3_000, heldFen: 3_000 },
      { type: 'take', amountFen: 3_000 },
    );
    expect(taken.card).toEqual({ status: 'spent', balanceFen: 0, heldFen: 0 });
    expect(taken.entries).toEqual([{ kind: 'redeem', amountFen: -3_000 }]);
    expect(applyCardEvent(taken.card, { type: 'refund', amountFen: 1_000 }).card).toEqual({
      status: 'active',
      balanceFen: 1_000,
      heldFen: 0,
    });
  });

  it('a refund to an expired card is a refund row and an expire row', () => {
    const move = applyCardEvent({ status: 'expired', balanceFen: 0, heldFen: 0 }, { type: 'refund', amountFen: 500 });
    expect(move.entries).toEqual([
      { kind: 'refund', amountFen: 500 },
      { kind: 'expire', amountFen: -500 },
    ]);
    expect(move.card.balanceFen).toBe(0);
  });

  it('expiry moves the whole balance to expired and waits while an order holds part of it', () => {
    expect(applyCardEvent({ status: 'active', balanceFen: 700, heldFen: 0 }, { type: 'expire' }).entries).toEqual([
      { kind: 'expire', amountFen: -700 },
    ]);
    expect(() => applyCardEvent({ status: 'active', balanceFen: 700, heldFen: 1 }, { type: 'expire' })).toThrow(
      CardRuleError,
    );
  });

  it('taking back an untouched card un-issues its face value, once, and refuses a card that was used or is held', () => {
    const untouched = { status: 'active' as const, balanceFen: 700, heldFen: 0 };
    const revoked = applyCardEvent(untouched, { type: 'revoke', faceValueFen: 700 });
    expect(revoked).toEqual({
      card: { status: 'expired', balanceFen: 0, heldFen: 0 },
      entries: [{ kind: 'issue', amountFen: -700 }],
    });
    for (const card of [revoked.card, { ...untouched, balanceFen: 600 }, { ...untouched, heldFen: 1 }]) {
      expect(() => applyCardEvent(card, { type: 'revoke', faceValueFen: 700 })).toThrow(CardRuleError);
    }
    const gifting = applyCardEvent(untouched, { type: 'gift' }).card;
    expect(() => applyCardEvent(gifting, { type: 'revoke', faceValueFen: 700 })).toThrow(CardRuleError);
  });

  it('a card held by an order cannot be given; a claim moves the balance out and in', () => {
    expect(() => applyCardEvent({ status: 'active', balanceFen: 700, heldFen: 1 }, { type: 'gift' })).toThrow(
      CardRuleError,
    );
    const gifting = applyCardEvent({ status: 'active', balanceFen: 700, heldFen: 0 }, { type: 'gift' }).card;
    expect(() => applyCardEvent(gifting, { type: 'hold', amountFen: 1 })).toThrow(CardRuleError);
    expect(applyCardEvent(gifting, { type: 'claim' }).entries).toEqual([
      { kind: 'gift_out', amountFen: -700 },
      { kind: 'gift_in', amountFen: 700 },
    ]);
  });
});
