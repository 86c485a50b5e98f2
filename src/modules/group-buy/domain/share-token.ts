import { randomBytes } from 'node:crypto';

/** 24 random bytes: 192 bits, 32 base64url characters. Unguessable, so a room is found only through its link. */
const TOKEN_BYTES = 24;
const SHAPE = /^[A-Za-z0-9_-]{32}$/;

export const newShareToken = (): string => randomBytes(TOKEN_BYTES).toString('base64url');

/** Anything else names no room (404 without a database look-up). */
export const isShareTokenShaped = (value: unknown): value is string => typeof value === 'string' && SHAPE.test(value);

/** The link a QR code and a chat share carry: SHARE_LINK_BASE followed by the token. */
export const shareLinkFor = (base: string, token: string): string => `${base}${token}`;
