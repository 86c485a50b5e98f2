import { FlashHolding } from './flash-holding.entity';
import { FlashReservation } from './flash-reservation.entity';
import { FlashSale } from './flash-sale.entity';

export const FLASH_SALE_ENTITIES = [FlashSale, FlashReservation, FlashHolding];
export { FlashHolding, FlashReservation, FlashSale };
