import { createHash } from 'node:crypto';

/** out_bill_no for a business key: 32 characters of [0-9A-Za-z] (WeChat's limit), the same every time. */
export function outBillNoFor(businessKey: string): string {
  return `TB${createHash('sha256').update(businessKey).digest('hex').slice(0, 30)}`;
}
