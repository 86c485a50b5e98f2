/**
 * The decrypted `resource` of each notification the sandbox sends, field for field as WeChat Pay writes them
 * (WECHATPAY.md §3, §5, §6). Type aliases rather than interfaces so they stay assignable to plain JSON records.
 */
import type { RefundStatus, TradeState, TransferState } from '../../payment-gateway';

export type TransactionResource = {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id: string;
  trade_type: 'JSAPI';
  trade_state: TradeState;
  trade_state_desc: string;
  bank_type: string;
  attach: string;
  success_time: string;
  payer: { openid: string };
  amount: { total: number; payer_total: number; currency: 'CNY'; payer_currency: 'CNY' };
};

export type RefundResource = {
  mchid: string;
  transaction_id: string;
  out_trade_no: string;
  refund_id: string;
  out_refund_no: string;
  refund_status: RefundStatus;
  success_time?: string;
  user_received_account: string;
  amount: { total: number; refund: number; payer_total: number; payer_refund: number };
};

export type TransferBillResource = {
  mchid: string;
  out_bill_no: string;
  transfer_bill_no: string;
  state: TransferState;
  transfer_amount: number;
  fail_reason?: string;
  openid: string;
  create_time: string;
  update_time: string;
};
