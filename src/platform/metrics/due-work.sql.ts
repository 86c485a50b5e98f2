import { TRANSFER_LIFECYCLE } from '../../payments/transfers/domain/transfer-lifecycle';

/**
 * What the scheduled jobs have left to do, read in one round trip at scrape time. Each subquery is the job's own
 * claim condition (see the job named by its column) over the partial index that job claims through, so each reads
 * the first index entry, not the table. The outbox and webhook backlogs count the pending rows of their partial
 * indexes: a backlog of millions makes the scrape read millions of index entries, which is what the alert is for.
 * $1: now (the injected Clock).
 */
export const DUE_WORK_SQL = `SELECT
  (SELECT count(*) FROM outbox_messages WHERE status = 'pending') AS outbox_pending,
  (SELECT min(created_at) FROM outbox_messages WHERE status = 'pending') AS outbox_oldest,
  (SELECT count(*) FROM webhook_deliveries WHERE status = 'pending') AS webhook_pending,
  (SELECT min(created_at) FROM webhook_deliveries WHERE status = 'pending') AS webhook_oldest,
  (SELECT min(available_at) FROM outbox_messages WHERE status = 'pending' AND available_at <= $1) AS "outbox.dispatch",
  (SELECT min(next_attempt_at) FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $1)
    AS "webhooks.dispatch",
  (SELECT min(expires_at) FROM orders WHERE status = 'pending_payment' AND expires_at < $1) AS "orders.expire",
  LEAST(
    (SELECT min(reconcile_after) FROM orders WHERE status = 'pending_payment' AND reconcile_after <= $1),
    (SELECT min(reconcile_after) FROM order_refunds WHERE status = 'processing' AND reconcile_after <= $1)
  ) AS "payments.reconcile",
  LEAST(
    (SELECT min(expires_at) FROM group_rooms WHERE status = 'open' AND expires_at < $1),
    (SELECT min(pending_until) FROM group_rooms WHERE status = 'pending' AND pending_until < $1)
  ) AS "group-buy.expire",
  (SELECT min(next_attempt_at) FROM rebates WHERE status = 'pending' AND next_attempt_at <= $1) AS "rebates.pay",
  (SELECT min(reconcile_after) FROM transfers
    WHERE status = ANY('{${TRANSFER_LIFECYCLE.liveStates.join(',')}}') AND reconcile_after <= $1) AS "transfers.reconcile",
  (SELECT min(valid_until) FROM gift_cards WHERE status <> 'expired' AND valid_until <= $1 AND held_fen = 0)
    AS "gift-cards.expire",
  (SELECT min(expires_at) FROM gift_card_gifts WHERE status = 'pending' AND expires_at <= $1)
    AS "gift-cards.return-gifts"`;

/** The jobs whose lag DUE_WORK_SQL reads, by the names JobRunner knows them. */
export const LAGGING_JOBS = [
  'outbox.dispatch',
  'webhooks.dispatch',
  'orders.expire',
  'payments.reconcile',
  'group-buy.expire',
  'rebates.pay',
  'transfers.reconcile',
  'gift-cards.expire',
  'gift-cards.return-gifts',
] as const;

export type DueWorkRow = {
  outbox_pending: string;
  outbox_oldest: Date | null;
  webhook_pending: string;
  webhook_oldest: Date | null;
} & Record<(typeof LAGGING_JOBS)[number], Date | null>;
