import { randomBytes } from 'node:crypto';

const SANDBOX_CODE = /^sandbox:([A-Za-z0-9_-]{1,64})$/;

/** The openid a sandbox login code `sandbox:<openid>` stands for, or null when it is not one (WeChat's 40029). */
export function sandboxOpenid(code: string): string | null {
  return SANDBOX_CODE.exec(code)?.[1] ?? null;
}

export interface Code2SessionQuery {
  appid?: string;
  secret?: string;
  js_code?: string;
  grant_type?: string;
}

export type Code2SessionBody = { openid: string; session_key: string } | { errcode: number; errmsg: string };

/**
 * What WeChat's code2Session answers (WECHATPAY.md §8), for the sandbox: any appid and secret are accepted, and a
 * code is good when it is `sandbox:<openid>` (the same rule as the in-process sandbox login). WeChat answers
 * HTTP 200 either way; errors are in the body.
 */
export function sandboxCode2Session(query: Code2SessionQuery): Code2SessionBody {
  if (!query.appid) return { errcode: 41002, errmsg: 'appid missing' };
  if (!query.secret) return { errcode: 41004, errmsg: 'appsecret missing' };
  if (!query.js_code) return { errcode: 41008, errmsg: 'missing code' };
  if (query.grant_type !== 'authorization_code') return { errcode: 40002, errmsg: 'invalid grant_type' };
  const openid = sandboxOpenid(query.js_code);
  if (openid === null) return { errcode: 40029, errmsg: 'invalid code' };
  return { openid, session_key: randomBytes(16).toString('base64') };
}
