import { Injectable } from '@nestjs/common';
import { Db } from '../../platform/database/db';
import { claimDue } from '../../platform/jobs/claim-due';
import { Cursor } from '../../platform/http/pagination';
import { TRANSFER_LIFECYCLE } from './domain/transfer-lifecycle';
import { Transfer, TransferStatus } from './transfer.entity';

export interface SettledTransfer {
  id: string;
  merchantId: string | null;
  shopperId: string;
  amountFen: number;
  reason: string;
  outBillNo: string;
}

export type NewTransfer = Omit<Transfer, 'status' | 'transferBillNo' | 'failReason' | 'settledAt'>;

/** Queries on transfers; the only code that names their table. */
@Injectable()
export class TransfersRepository {
  constructor(private readonly db: Db) {}

  /** Inserts the transfer unless its business key was used before; answers the key's transfer either way. */
  async insertOnce(transfer: NewTransfer): Promise<{ transfer: Transfer; inserted: boolean }> {
    const inserted = await this.db.query(
      `INSERT INTO transfers (id, shopper_id, openid, business_key, out_bill_no, amount_fen, reason, remark, status,
                              reconcile_after, created_at, merchant_id)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) ON CONFLICT DO NOTHING RETURNING id`,
      [
        transfer.id,
        transfer.shopperId,
        transfer.openid,
        transfer.businessKey,
        transfer.outBillNo,
        transfer.amountFen,
        transfer.reason,
        transfer.remark,
        TRANSFER_LIFECYCLE.initial[0],
        transfer.reconcileAfter,
        transfer.createdAt,
        transfer.merchantId,
      ],
    );
    const row = await this.db.repo(Transfer).findOneBy({ businessKey: transfer.businessKey });
    if (!row) throw new Error(`no transfer for ${transfer.businessKey}`);
    return { transfer: row, inserted: inserted.length > 0 };
  }

  byId(id: string): Promise<Transfer | null> {
    return this.db.repo(Transfer).findOneBy({ id });
  }

  listForShopper(shopperId: string, after: Cursor | null, limit: number): Promise<Transfer[]> {
    const builder = this.db
      .repo(Transfer)
      .createQueryBuilder('t')
      .where('t.shopper_id = :shopperId', { shopperId })
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'DESC')
      .take(limit);
    if (after) builder.andWhere('(t.created_at, t.id) < (:createdAt, :id)', after);
    return builder.getMany();
  }

  async statuses(ids: readonly string[]): Promise<Map<string, TransferStatus>> {
    if (ids.length === 0) return new Map();
    const rows = await this.db.query<{ id: string; status: TransferStatus }>(
      'SELECT id, status FROM transfers WHERE id = ANY($1::uuid[])',
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.status]));
  }

  async recordBillNo(id: string, transferBillNo: string): Promise<void> {
    await this.db.query('UPDATE transfers SET transfer_bill_no = $2 WHERE id = $1 AND transfer_bill_no IS NULL', [
      id,
      transferBillNo,
    ]);
  }

  /** Settles a processing transfer and answers it; a settled one is left as it is (null). */
  async settle(
    outBillNo: string,
    to: 'succeeded' | 'failed',
    facts: { transferBillNo: string; failReason: string | null; settledAt: Date },
  ): Promise<SettledTransfer | null> {
    const [moved] = await TRANSFER_LIFECYCLE.move<SettledTransfer>(this.db, {
      to,
      where: { out_bill_no: outBillNo },
      set: { transfer_bill_no: facts.transferBillNo, fail_reason: facts.failReason, settled_at: facts.settledAt },
      returning: `id, merchant_id AS "merchantId", shopper_id AS "shopperId", amount_fen::float8 AS "amountFen",
                  reason, out_bill_no AS "outBillNo"`,
    });
    return moved ?? null;
  }

  /** Transfers still unsettled whose reconcile time has come, leased until `nextAt`. */
  claimUnsettled(now: Date, nextAt: Date, limit: number): Promise<Array<{ id: string }>> {
    return claimDue<{ id: string }>(this.db, {
      table: 'transfers',
      dueColumn: 'reconcile_after',
      // State names from the declared table (code, not input): the states a settlement still leaves.
      where: `status = ANY('{${TRANSFER_LIFECYCLE.liveStates.join(',')}}')`,
      now,
      nextAt,
      limit,
      returning: 'id',
    });
  }
}
