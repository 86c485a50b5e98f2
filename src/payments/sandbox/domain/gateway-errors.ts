/** The sandbox's refusals, with the status and wording WeChat Pay answers them with (WECHATPAY.md §7). */
import { GatewayError, GatewayErrorCode } from '../../payment-gateway';

/** The real HTTP status of each code; an injected fault answers with it too. */
export const GATEWAY_ERROR_STATUS: Readonly<Record<GatewayErrorCode, number>> = {
  PARAM_ERROR: 400,
  INVALID_REQUEST: 400,
  ORDER_CLOSED: 400,
  // "订单已支付" has no documented v3 status; 400 like its sibling ORDER_CLOSED.
  ORDER_PAID: 400,
  OUT_TRADE_NO_USED: 403,
  NOT_ENOUGH: 403,
  ORDER_NOT_EXIST: 404,
  RESOURCE_NOT_EXISTS: 404,
  FREQUENCY_LIMITED: 429,
  SYSTEM_ERROR: 500,
};

const DEFAULT_MESSAGE: Readonly<Record<GatewayErrorCode, string>> = {
  PARAM_ERROR: '参数错误',
  INVALID_REQUEST: '请求参数符合参数格式，但不符合业务规则',
  ORDER_CLOSED: '订单已关闭',
  ORDER_PAID: '订单已支付',
  OUT_TRADE_NO_USED: '商户订单号重复',
  NOT_ENOUGH: '运营账户资金不足，充值后可以原单号发起重试',
  ORDER_NOT_EXIST: '查询单据不存在',
  RESOURCE_NOT_EXISTS: '订单不存在',
  FREQUENCY_LIMITED: '频率超限',
  SYSTEM_ERROR: '系统错误',
};

/** 268498688: a re-post of one out_* number whose parameters differ from the first. */
export const REENTRY_MISMATCH = '请求重入时，参数与首次请求时不一致';

export const gatewayError = (code: GatewayErrorCode, message = DEFAULT_MESSAGE[code]): GatewayError =>
  new GatewayError(code, GATEWAY_ERROR_STATUS[code], message);

export const paramError = (message: string): GatewayError => gatewayError('PARAM_ERROR', message);
export const invalidRequest = (message: string): GatewayError => gatewayError('INVALID_REQUEST', message);
