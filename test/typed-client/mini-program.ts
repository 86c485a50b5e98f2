import createClient from 'openapi-fetch';
import type { paths } from 'engage-openapi';
import type { ErrorCode } from '../../src/platform/errors/error-codes';

/**
 * What a mini-program written against the generated client does: log in, claim a coupon twice, and read why each
 * refusal happened from `error.error.code`. Compiled against the types generated from /docs-json, this fails
 * to compile when the document leaves errors untyped (error: never) or types the code as any string.
 */
export async function loginAndClaimTwice(baseUrl: string, openid: string, templateId: string) {
  const client = createClient<paths>({ baseUrl });

  const refused = await client.POST('/v1/auth/wechat-login', { body: { code: 'not-a-sandbox-code' } });
  if (refused.data) throw new Error('a bad login code was accepted');
  const loginCode: ErrorCode = refused.error.error.code;

  const login = await client.POST('/v1/auth/wechat-login', { body: { code: `sandbox:${openid}` } });
  if (!login.data) throw new Error(`login failed: ${login.error.error.message}`);
  const headers = { authorization: `Bearer ${login.data.token}` };

  const claim = () => client.POST('/v1/coupon-templates/{id}/claim', { params: { path: { id: templateId } }, headers });
  const first = await claim();
  if (!first.data) throw new Error(`first claim failed: ${first.error.error.code}`);
  const second = await claim();
  if (second.data) throw new Error('a second claim was accepted');
  const claimCode: ErrorCode = second.error.error.code;
  const message: string = second.error.error.message;

  return { loginCode, couponId: first.data.id, claimCode, message, status: second.response.status };
}
