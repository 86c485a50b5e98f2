import { DomainError } from '../../platform/errors/domain-error';

export const luckyDrawNotActive = (): DomainError =>
  new DomainError('LUCKY_DRAW_NOT_ACTIVE', 'This lucky draw is not open now');

export const fulfilmentAlreadyShipped = (): DomainError =>
  new DomainError('FULFILMENT_ALREADY_SHIPPED', 'This prize has shipped; it cannot go back to pending');

export const luckyDrawNoChances = (): DomainError =>
  new DomainError('LUCKY_DRAW_NO_CHANCES', 'No draw left today; sharing may add one');

export const drawGateUnavailable = (): DomainError =>
  new DomainError('SERVICE_UNAVAILABLE', 'Draws cannot be taken right now; try again shortly');
