import { api } from '../api/client';
import { ApiError } from '../api/api-error';
import type { Session } from './session-store';

/**
 * Which kind of caller a key is: a merchant's key reads /v1/merchant/me; the operator's ADMIN_TOKEN lists merchants.
 * A key that is neither rejects with the second answer's ApiError (401 UNAUTHENTICATED).
 */
export async function identify(token: string, adminName: string): Promise<Session> {
  try {
    const me = await api.get<{ name: string }>('/v1/merchant/me', { token });
    return { kind: 'merchant', token, name: me.name };
  } catch (error) {
    if (!(error instanceof ApiError) || (error.status !== 401 && error.status !== 403)) throw error;
  }
  await api.get('/v1/merchants?limit=1', { token });
  return { kind: 'admin', token, name: adminName };
}
