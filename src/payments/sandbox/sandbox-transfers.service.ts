import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform/clock/clock';
import { Db } from '../../platform/database/db';
import type { GatewayTransfer, TransferRequest } from '../payment-gateway';
import { invalidRequest, REENTRY_MISMATCH } from './domain/gateway-errors';
import { toGatewayTransfer } from './domain/gateway-views';
import { validateTransfer } from './domain/request-validation';
import { newTransferBillNo } from './domain/sandbox-ids';
import { SandboxTransfer } from './entities/sandbox-transfer.entity';
import { insertIfAbsent } from './insert-if-absent';
import { SandboxSettings } from './sandbox-settings';

/** Merchant transfers to a shopper's balance. New ones are ACCEPTED; the settlement job makes them SUCCESS. */
@Injectable()
export class SandboxTransfers {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly settings: SandboxSettings,
  ) {}

  async transfer(request: TransferRequest): Promise<GatewayTransfer> {
    validateTransfer(request, this.settings.current());
    const now = this.clock.now();
    const transfer: SandboxTransfer = {
      outBillNo: request.outBillNo,
      transferBillNo: newTransferBillNo(now),
      openid: request.openid,
      amountFen: request.amountFen,
      remark: request.remark,
      state: 'ACCEPTED',
      failReason: null,
      createdAt: now,
      updatedAt: now,
    };
    if (await insertIfAbsent(this.db.repo(SandboxTransfer), transfer)) return toGatewayTransfer(transfer);
    // One out_bill_no pays once: a retry gets the same transfer, a different request under it is refused.
    const existing = await this.db.repo(SandboxTransfer).findOneByOrFail({ outBillNo: request.outBillNo });
    if (existing.openid !== request.openid || existing.amountFen !== request.amountFen) {
      throw invalidRequest(REENTRY_MISMATCH);
    }
    return toGatewayTransfer(existing);
  }

  async find(outBillNo: string): Promise<GatewayTransfer | null> {
    const transfer = await this.db.repo(SandboxTransfer).findOneBy({ outBillNo });
    return transfer ? toGatewayTransfer(transfer) : null;
  }
}
