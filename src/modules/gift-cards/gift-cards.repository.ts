import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Db } from '../../platform/database/db';
import { Cursor } from '../../platform/http/pagination';
import { CARD_LIFECYCLE, CardMove, CardState, CardStatus, LedgerEntry, LedgerKind } from './domain/card-ledger';
import { GiftCardLedgerEntry } from './entities/gift-card-ledger-entry.entity';
import { GiftCard } from './entities/gift-card.entity';

/** What a ledger row records beside its amount: the order it pays or refunds, and what caused it. */
export interface EntryFacts {
  orderId?: string | null;
  ref?: string | null;
  at: Date;
}

/**
 * Queries on gift_cards and gift_card_ledger; the only code that names them. Every change of a balance writes the
 * card and its ledger rows in the current transaction, so the balance is always the sum of its rows.
 */
@Injectable()
export class GiftCardsRepository {
  constructor(private readonly db: Db) {}

  /** A new card and its issue row; false (nothing written) when its issue key was used already. */
  async issue(card: GiftCard, entry: LedgerEntry, facts: EntryFacts): Promise<boolean> {
    const inserted = await this.db.query(
      `INSERT INTO gift_cards (id, product_id, merchant_id, owner_id, status, face_value_fen, balance_fen, held_fen,
                               valid_until, gifted_by, message, issue_key, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 0, $8, NULL, NULL, $9, $10, $10)
       ON CONFLICT (issue_key) DO NOTHING RETURNING id`,
      [
        card.id,
        card.productId,
        card.merchantId,
        card.ownerId,
        card.status,
        card.faceValueFen,
        card.balanceFen,
        card.validUntil,
        card.issueKey,
        card.createdAt,
      ],
    );
    if (inserted.length === 0) return false;
    await this.append(card, [entry], facts);
    return true;
  }

  byId(id: string): Promise<GiftCard | null> {
    return this.db.repo(GiftCard).findOneBy({ id });
  }

  /** The card, locked for the rest of the current transaction. */
  lock(id: string): Promise<GiftCard | null> {
    return this.db.repo(GiftCard).createQueryBuilder('c').setLock('pessimistic_write').where({ id }).getOne();
  }

  /** The cards of these issue keys, locked in id order (two lockers never wait on each other crosswise). */
  lockByIssueKeys(issueKeys: readonly string[]): Promise<GiftCard[]> {
    return this.db
      .repo(GiftCard)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .where('c.issue_key = ANY(:issueKeys)', { issueKeys })
      .orderBy('c.id')
      .getMany();
  }

  /** How many of these cards were taken back (a negative issue row). */
  async countTakenBack(cardIds: readonly string[]): Promise<number> {
    const [row] = await this.db.query<{ cards: number }>(
      `SELECT count(DISTINCT card_id)::int AS cards FROM gift_card_ledger
       WHERE card_id = ANY($1) AND kind = 'issue' AND amount_fen < 0`,
      [cardIds],
    );
    return row.cards;
  }

  /**
   * Writes a move the ledger rules made of `card` (read under lock): its status, balance and holds by a conditional
   * UPDATE that names the status and balance it leaves, then its ledger rows. False when the card had moved.
   */
  async write(
    card: GiftCard,
    move: CardMove,
    facts: EntryFacts,
    set: Readonly<Record<string, unknown>> = {},
  ): Promise<boolean> {
    const moved = await CARD_LIFECYCLE.move(this.db, {
      to: move.card.status,
      from: [card.status],
      where: { id: card.id, balance_fen: card.balanceFen, held_fen: card.heldFen },
      set: { balance_fen: move.card.balanceFen, held_fen: move.card.heldFen, updated_at: facts.at, ...set },
    });
    if (moved.length === 0) return false;
    await this.append(card, move.entries, facts);
    return true;
  }

  /**
   * Holds for an order what the card can pay of `dueFen`, in one conditional UPDATE: an active card of this owner
   * and merchant, valid at `now`, that no other order holds (API.md), and never more than its balance. Returns what
   * it held, or null when any of that does not hold (the caller reads the card to say why).
   */
  async hold(
    cardId: string,
    owner: { ownerId: string; merchantId: string },
    dueFen: number,
    now: Date,
  ): Promise<number | null> {
    const [held] = await this.db.query<{ held_fen: string }>(
      `UPDATE gift_cards SET held_fen = LEAST(balance_fen, $4), updated_at = $5
       WHERE id = $1 AND owner_id = $2 AND merchant_id = $3 AND status = 'active' AND valid_until > $5
         AND held_fen = 0 AND balance_fen > 0
       RETURNING held_fen`,
      [cardId, owner.ownerId, owner.merchantId, dueFen, now],
    );
    return held ? Number(held.held_fen) : null;
  }

  /** The owner's cards, newest first, optionally of one status. */
  listForOwner(
    ownerId: string,
    status: CardStatus | undefined,
    after: Cursor | null,
    limit: number,
  ): Promise<GiftCard[]> {
    const builder = this.db
      .repo(GiftCard)
      .createQueryBuilder('c')
      .where('c.owner_id = :ownerId', { ownerId })
      .orderBy('c.created_at', 'DESC')
      .addOrderBy('c.id', 'DESC')
      .take(limit);
    if (status) builder.andWhere('c.status = :status', { status });
    if (after) builder.andWhere('(c.created_at, c.id) < (:createdAt, :id)', after);
    return builder.getMany();
  }

  /** The card's latest `gift_in` row: its current owner's claim, if the card came to them as a gift. */
  lastClaim(cardId: string): Promise<GiftCardLedgerEntry | null> {
    return this.db
      .repo(GiftCardLedgerEntry)
      .findOne({ where: { cardId, kind: 'gift_in' }, order: { at: 'DESC', id: 'DESC' } });
  }

  /**
   * A card's ledger, newest first; with `since`, only from that claim on: its `gift_in` and what came after, not
   * the `gift_out` it shares its instant with.
   */
  entries(
    cardId: string,
    after: Cursor | null,
    limit: number,
    since: GiftCardLedgerEntry | null = null,
  ): Promise<GiftCardLedgerEntry[]> {
    const builder = this.db
      .repo(GiftCardLedgerEntry)
      .createQueryBuilder('e')
      .where('e.card_id = :cardId', { cardId })
      .orderBy('e.at', 'DESC')
      .addOrderBy('e.id', 'DESC')
      .take(limit);
    if (after) builder.andWhere('(e.at, e.id) < (:createdAt, :id)', after);
    if (since) {
      builder.andWhere(`e.at >= :sinceAt AND NOT (e.kind = 'gift_out' AND e.ref = :sinceRef)`, {
        sinceAt: since.at,
        sinceRef: since.ref,
      });
    }
    return builder.getMany();
  }

  /** The signed sums of a merchant's ledger rows by kind (idx_gift_card_ledger_merchant). */
  async sumsByKind(merchantId: string): Promise<Partial<Record<LedgerKind, number>>> {
    const rows = await this.db.query<{ kind: LedgerKind; total: string }>(
      `SELECT kind, sum(amount_fen)::text AS total FROM gift_card_ledger WHERE merchant_id = $1 GROUP BY kind`,
      [merchantId],
    );
    return Object.fromEntries(rows.map((row) => [row.kind, Number(row.total)]));
  }

  /** Per product of the merchant: cards issued, and the signed ledger sums by kind. */
  async productFigures(
    merchantId: string,
    productIds: readonly string[],
  ): Promise<Map<string, { sold: number; sums: Partial<Record<LedgerKind, number>> }>> {
    const figures = new Map(productIds.map((id) => [id, { sold: 0, sums: {} as Partial<Record<LedgerKind, number>> }]));
    if (productIds.length === 0) return figures;
    const rows = await this.db.query<{ product_id: string; kind: LedgerKind; total: string; cards: number }>(
      `SELECT c.product_id, e.kind, sum(e.amount_fen)::text AS total, count(DISTINCT c.id)::int AS cards
       FROM gift_card_ledger e JOIN gift_cards c ON c.id = e.card_id
       WHERE e.merchant_id = $1 AND c.product_id = ANY($2) GROUP BY c.product_id, e.kind`,
      [merchantId, productIds],
    );
    for (const row of rows) {
      const figure = figures.get(row.product_id)!;
      figure.sums[row.kind] = Number(row.total);
      if (row.kind === 'issue') figure.sold = row.cards;
    }
    return figures;
  }

  /** Cards past their validity that no order holds, oldest first, locked (others skip them). */
  claimExpired(now: Date, limit: number): Promise<GiftCard[]> {
    return this.db
      .repo(GiftCard)
      .createQueryBuilder('c')
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .where(`c.status <> 'expired' AND c.valid_until <= :now AND c.held_fen = 0`, { now })
      .orderBy('c.valid_until')
      .take(limit)
      .getMany();
  }

  private async append(card: { id: string; merchantId: string }, entries: readonly LedgerEntry[], facts: EntryFacts) {
    if (entries.length === 0) return;
    await this.db.repo(GiftCardLedgerEntry).insert(
      entries.map((entry) => ({
        id: randomUUID(),
        cardId: card.id,
        merchantId: card.merchantId,
        kind: entry.kind,
        amountFen: entry.amountFen,
        orderId: facts.orderId ?? null,
        ref: facts.ref ?? null,
        at: facts.at,
      })),
    );
  }
}

/** The rules' view of a card row. */
export const stateOf = (card: GiftCard): CardState => ({
  status: card.status,
  balanceFen: card.balanceFen,
  heldFen: card.heldFen,
});
