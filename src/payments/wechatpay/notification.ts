/**
 * WeChat Pay API v3 notifications (payment, refund, transfer): the sandbox builds them exactly as WeChat Pay
 * POSTs them to notify_url, and the webhook verifies them the way the official SDKs do (WECHATPAY.md §2, §3).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { decryptResource, encryptResource, ResourceDecryptionError } from './aead';
import { notificationSignMessage, nonceString, rsaSign, rsaVerify } from './signing';

export const WECHATPAY_SIGNATURE_TYPE = 'WECHATPAY2-SHA256-RSA2048';
/** WeChat Pay occasionally sends a deliberately invalid signature with this prefix; it must be answered with 4XX/5XX. */
export const SIGNATURE_PROBE_PREFIX = 'WECHATPAY/SIGNTEST/';
/** Java (`>= 5 min`) and Go (`>= FiveMinute`) SDKs reject a timestamp 300 s or more away from local time. */
export const DEFAULT_MAX_SKEW_SECONDS = 300;

const CHINA_STANDARD_TIME_OFFSET_MS = 8 * 60 * 60 * 1000;
const UNIX_SECONDS = /^[0-9]{1,12}$/;

export type NotificationEventType =
  'TRANSACTION.SUCCESS' | 'REFUND.SUCCESS' | 'REFUND.ABNORMAL' | 'REFUND.CLOSED' | 'MCHTRANSFER.BILL.FINISHED';

export type ResourceOriginalType = 'transaction' | 'refund' | 'mch_payment';

/** A type alias, not an interface, so it stays assignable to plain header records (IncomingHeaders, HTTP clients). */
export type NotificationHeaders = {
  'Wechatpay-Timestamp': string;
  'Wechatpay-Nonce': string;
  'Wechatpay-Signature': string;
  'Wechatpay-Serial': string;
  'Wechatpay-Signature-Type': typeof WECHATPAY_SIGNATURE_TYPE;
};

export interface BuiltNotification {
  /** The exact bytes to POST: the signature covers this string, so it must not be re-serialized. */
  body: string;
  headers: NotificationHeaders;
}

export interface BuildNotificationInput {
  eventType: NotificationEventType;
  originalType: ResourceOriginalType;
  summary: string;
  /** The plaintext resource (transaction, refund or transfer bill); it is JSON-encoded and encrypted. */
  resource: object;
  apiV3Key: string;
  platformPrivateKeyPem: string;
  platformSerial: string;
  now: Date;
  id?: string;
  /** Header nonce; random when omitted. Fixed only to make tests reproducible. */
  nonce?: string;
  /** AES-GCM nonce of the resource; random when omitted. Fixed only to make tests reproducible. */
  resourceNonce?: string;
  /** Replace the signature with a `WECHATPAY/SIGNTEST/` probe, as WeChat Pay does from time to time. */
  signatureProbe?: boolean;
}

/** Why a notification was refused; every reason means "answer 4XX/5XX", WeChat Pay then re-sends. */
export type NotificationRejectionReason =
  | 'missing_headers'
  | 'unknown_serial'
  | 'stale_timestamp'
  | 'bad_signature'
  | 'signature_probe'
  | 'malformed_body'
  | 'decryption_failed';

export class NotificationVerificationError extends Error {
  override readonly name = 'NotificationVerificationError';

  constructor(
    readonly reason: NotificationRejectionReason,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** Request headers as HTTP servers expose them: any case, possibly repeated. */
export type IncomingHeaders = Readonly<Record<string, string | readonly string[] | undefined>>;

export interface VerifyNotificationInput {
  headers: IncomingHeaders;
  /** The body exactly as received. A framework's parsed-then-re-serialized JSON will not verify. */
  rawBody: Buffer | string;
  platformPublicKeyPem: string;
  platformSerial: string;
  apiV3Key: string;
  now: Date;
  maxSkewSeconds?: number;
}

export interface VerifiedNotification {
  id: string;
  eventType: string;
  createTime: string;
  summary: string;
  originalType: string;
  /** The decrypted resource, JSON-parsed; its shape depends on eventType and is the caller's to validate. */
  resource: unknown;
}

/** RFC 3339 in China Standard Time, as WeChat Pay writes every time field: `2026-11-21T20:00:00+08:00`. */
export function rfc3339China(date: Date): string {
  const shifted = new Date(date.getTime() + CHINA_STANDARD_TIME_OFFSET_MS);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

export function buildNotification(input: BuildNotificationInput): BuiltNotification {
  const sealed = encryptResource(
    JSON.stringify(input.resource),
    input.apiV3Key,
    input.originalType,
    input.resourceNonce,
  );
  // Key order mirrors real payloads (JSON.stringify keeps insertion order; encryptResource returns the same order).
  const body = JSON.stringify({
    id: input.id ?? randomUUID(),
    create_time: rfc3339China(input.now),
    resource_type: 'encrypt-resource',
    event_type: input.eventType,
    summary: input.summary,
    resource: { original_type: input.originalType, ...sealed },
  });
  const headers = signedAnswerHeaders(body, input);
  if (input.signatureProbe)
    headers['Wechatpay-Signature'] = SIGNATURE_PROBE_PREFIX + randomBytes(256).toString('base64');
  return { body, headers: { ...headers, 'Wechatpay-Signature-Type': WECHATPAY_SIGNATURE_TYPE } };
}

export type SignedAnswerHeaders = Omit<NotificationHeaders, 'Wechatpay-Signature-Type'>;

/** The headers WeChat Pay signs an API answer (and, with -Signature-Type, a notification) with. */
export function signedAnswerHeaders(
  body: string,
  signer: { platformPrivateKeyPem: string; platformSerial: string; now: Date; nonce?: string },
): SignedAnswerHeaders {
  const timestamp = String(Math.floor(signer.now.getTime() / 1000));
  const nonce = signer.nonce ?? nonceString(32);
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': rsaSign(notificationSignMessage(timestamp, nonce, body), signer.platformPrivateKeyPem),
    'Wechatpay-Serial': signer.platformSerial,
  };
}

export interface VerifySignedMessageInput {
  headers: IncomingHeaders;
  /** The body exactly as received. A framework's parsed-then-re-serialized JSON will not verify. */
  rawBody: Buffer | string;
  platformPublicKeyPem: string;
  platformSerial: string;
  now: Date;
  maxSkewSeconds?: number;
}

/**
 * Checks, in order: headers, serial, timestamp, then the signature over the raw bytes. The same check covers an
 * API answer and a notification (WECHATPAY.md §2); returns the raw body as bytes once it verifies.
 */
export function verifySignedMessage(input: VerifySignedMessageInput): Buffer {
  const maxSkewSeconds = input.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS;
  if (!(maxSkewSeconds > 0)) throw new RangeError(`maxSkewSeconds must be positive, got ${maxSkewSeconds}`);

  const timestamp = singleHeader(input.headers, 'Wechatpay-Timestamp');
  const nonce = singleHeader(input.headers, 'Wechatpay-Nonce');
  const signature = singleHeader(input.headers, 'Wechatpay-Signature');
  const serial = singleHeader(input.headers, 'Wechatpay-Serial');
  const signatureType = singleHeader(input.headers, 'Wechatpay-Signature-Type');
  if (timestamp === undefined || nonce === undefined || signature === undefined || serial === undefined) {
    throw new NotificationVerificationError(
      'missing_headers',
      'Wechatpay-Timestamp, -Nonce, -Signature and -Serial must each be present exactly once',
    );
  }
  if (!UNIX_SECONDS.test(timestamp)) {
    throw new NotificationVerificationError('missing_headers', 'Wechatpay-Timestamp is not Unix time in seconds');
  }

  if (serial !== input.platformSerial) {
    throw new NotificationVerificationError('unknown_serial', `no platform key for Wechatpay-Serial ${serial}`);
  }

  const skewMs = Math.abs(input.now.getTime() - Number(timestamp) * 1000);
  if (skewMs >= maxSkewSeconds * 1000) {
    throw new NotificationVerificationError(
      'stale_timestamp',
      `Wechatpay-Timestamp is ${Math.floor(skewMs / 1000)} s from local time (limit ${maxSkewSeconds} s)`,
    );
  }

  if (signature.startsWith(SIGNATURE_PROBE_PREFIX)) {
    throw new NotificationVerificationError(
      'signature_probe',
      'signature probe from WeChat Pay: answering with an error',
    );
  }
  // Absent on responses; on notifications it names the algorithm, and this is the only one we verify.
  if (signatureType !== undefined && signatureType !== WECHATPAY_SIGNATURE_TYPE) {
    throw new NotificationVerificationError('bad_signature', `unsupported Wechatpay-Signature-Type ${signatureType}`);
  }
  const rawBody = typeof input.rawBody === 'string' ? Buffer.from(input.rawBody, 'utf8') : input.rawBody;
  if (!rsaVerify(notificationSignMessage(timestamp, nonce, rawBody), signature, input.platformPublicKeyPem)) {
    throw new NotificationVerificationError('bad_signature', 'Wechatpay-Signature does not verify over the raw body');
  }
  return rawBody;
}

/**
 * Verifies the signature (verifySignedMessage), then checks the body's shape and decrypts.
 * Nothing from the body is trusted before the signature verifies.
 */
export function verifyNotification(input: VerifyNotificationInput): VerifiedNotification {
  const rawBody = verifySignedMessage(input);

  const envelope = parseEnvelope(rawBody);
  let plaintext: string;
  try {
    plaintext = decryptResource(envelope.resource, input.apiV3Key);
  } catch (error) {
    if (error instanceof ResourceDecryptionError) {
      throw new NotificationVerificationError('decryption_failed', error.message, { cause: error });
    }
    throw error;
  }
  let resource: unknown;
  try {
    resource = JSON.parse(plaintext);
  } catch (error) {
    throw new NotificationVerificationError('malformed_body', 'the decrypted resource is not JSON', { cause: error });
  }
  return {
    id: envelope.id,
    eventType: envelope.event_type,
    createTime: envelope.create_time,
    summary: envelope.summary,
    originalType: envelope.resource.original_type,
    resource,
  };
}

/** Case-insensitive lookup; a header that is absent, empty or repeated is treated as missing (ambiguous = unusable). */
function singleHeader(headers: IncomingHeaders, name: string): string | undefined {
  const wanted = name.toLowerCase();
  const values: string[] = [];
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted || value === undefined) continue;
    if (typeof value === 'string') values.push(value);
    else values.push(...value);
  }
  return values.length === 1 && values[0] !== '' ? values[0] : undefined;
}

interface NotificationEnvelope {
  id: string;
  create_time: string;
  event_type: string;
  summary: string;
  resource: { original_type: string; algorithm: string; ciphertext: string; nonce: string; associated_data: string };
}

function parseEnvelope(rawBody: Buffer): NotificationEnvelope {
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(rawBody));
  } catch (error) {
    throw new NotificationVerificationError('malformed_body', 'the body is not UTF-8 JSON', { cause: error });
  }
  const resource = isRecord(parsed) ? parsed.resource : undefined;
  if (
    !isRecord(parsed) ||
    !hasStrings(parsed, ['id', 'create_time', 'event_type', 'summary']) ||
    parsed.resource_type !== 'encrypt-resource' ||
    !isRecord(resource) ||
    !hasStrings(resource, ['original_type', 'algorithm', 'ciphertext', 'nonce', 'associated_data'])
  ) {
    throw new NotificationVerificationError(
      'malformed_body',
      'the body is not a WeChat Pay notification (id, create_time, event_type, summary, encrypt-resource)',
    );
  }
  return {
    id: parsed.id,
    create_time: parsed.create_time,
    event_type: parsed.event_type,
    summary: parsed.summary,
    resource: {
      original_type: resource.original_type,
      algorithm: resource.algorithm,
      ciphertext: resource.ciphertext,
      nonce: resource.nonce,
      associated_data: resource.associated_data,
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasStrings<K extends string>(
  record: Record<string, unknown>,
  keys: readonly K[],
): record is Record<string, unknown> & Record<K, string> {
  return keys.every((key) => typeof record[key] === 'string');
}
