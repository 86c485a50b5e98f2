import { Injectable } from '@nestjs/common';

/** Where a merchant order stands when the shopper's app opens it to pay. */
export interface OpenedOrder {
  /** `prepared`: the provider's JSAPI order exists now; `closed`: cancelled or past its deadline; `paid`: paid. */
  state: 'prepared' | 'closed' | 'paid';
  /** The order's payer: only they may pay it. */
  payerOpenid: string;
}

type Opener = (outTradeNo: string) => Promise<OpenedOrder | null>;

/**
 * The merchant's side of the shopper opening an order to pay it. Some orders (a flash sale's) are written without
 * a provider order, which is prepared when the shopper first opens the order in the mini-program; the sandbox's
 * simulated shopper, given only the out_trade_no, opens it the same way before paying. The orders module registers
 * the opener at start-up, so the payments modules depend on no module.
 */
@Injectable()
export class PaymentPreparation {
  private opener: Opener | null = null;

  onOpen(opener: Opener): void {
    this.opener = opener;
  }

  /** The order of this out_trade_no, its payment prepared when it can still be paid; null when there is none. */
  open(outTradeNo: string): Promise<OpenedOrder | null> {
    return this.opener ? this.opener(outTradeNo) : Promise.resolve(null);
  }
}
