/** A merchant as GET /v1/merchants lists it. */
export interface Merchant {
  id: string;
  name: string;
  createdAt: string;
}

/** POST /v1/merchants: the key is in this answer only. */
export interface CreatedMerchant {
  id: string;
  name: string;
  apiKey: string;
}

export const MERCHANTS_PATH = '/v1/merchants';
