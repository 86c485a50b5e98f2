/** The sandbox's rows as the port shows them, the way WeChat Pay's query APIs answer. */
import type { GatewayRefund, GatewayTransaction, GatewayTransfer } from '../../payment-gateway';
import type { SandboxRefund } from '../entities/sandbox-refund.entity';
import type { SandboxTransaction } from '../entities/sandbox-transaction.entity';
import type { SandboxTransfer } from '../entities/sandbox-transfer.entity';
import { effectiveTradeState } from './trade-state';

export function toGatewayTransaction(trade: SandboxTransaction, now: Date): GatewayTransaction {
  return {
    appid: trade.appid,
    mchid: trade.mchid,
    outTradeNo: trade.outTradeNo,
    transactionId: trade.transactionId,
    tradeState: effectiveTradeState(trade, now),
    amountFen: trade.amountFen,
    payerOpenid: trade.payerOpenid,
    successTime: trade.successTime,
  };
}

export function toGatewayRefund(refund: SandboxRefund): GatewayRefund {
  return {
    outRefundNo: refund.outRefundNo,
    refundId: refund.refundId,
    outTradeNo: refund.outTradeNo,
    status: refund.status,
    amountFen: refund.amountFen,
    successTime: refund.successTime,
  };
}

export function toGatewayTransfer(transfer: SandboxTransfer): GatewayTransfer {
  return {
    outBillNo: transfer.outBillNo,
    transferBillNo: transfer.transferBillNo,
    state: transfer.state,
    amountFen: transfer.amountFen,
    openid: transfer.openid,
    failReason: transfer.failReason,
  };
}
