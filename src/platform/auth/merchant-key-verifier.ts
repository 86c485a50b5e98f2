/** Port: resolves a merchant API key to its merchant. The merchants module provides it. */
export abstract class MerchantKeyVerifier {
  /** The merchant id for a valid key, null otherwise. */
  abstract verify(apiKey: string): Promise<string | null>;
}
