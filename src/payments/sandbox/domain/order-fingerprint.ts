import { createHash } from 'node:crypto';
import { canonicalJson } from '../../../platform/idempotency/fingerprint';
import type { JsapiOrderRequest } from '../../payment-gateway';

/**
 * What a re-post of one out_trade_no must repeat exactly (WeChat Pay: "请求重入时，参数与首次请求时不一致" otherwise).
 * The requested time_expire counts, before any clamping: a retry sends the same request.
 */
export function jsapiOrderFingerprint(request: JsapiOrderRequest): string {
  return createHash('sha256')
    .update(
      canonicalJson({
        outTradeNo: request.outTradeNo,
        description: request.description,
        amountFen: request.amountFen,
        payerOpenid: request.payerOpenid,
        timeExpire: request.timeExpire.toISOString(),
        attach: request.attach ?? null,
      }),
    )
    .digest('hex');
}
