import { DomainError } from '../errors/domain-error';

/** A started campaign's field that may no longer change (only the name, a later end and more stock may). */
export const campaignLocked = (fields: string[]): DomainError =>
  new DomainError(
    'CAMPAIGN_LOCKED',
    `The campaign has started: ${fields.join(', ')} can no longer change (only the name, a later end and more stock)`,
    { fields },
  );

/** Stock set below what shoppers have already taken. */
export const stockBelowTaken = (field: string, taken: number): DomainError =>
  new DomainError('CAMPAIGN_STOCK_BELOW_TAKEN', `${field} cannot be below the ${taken} already taken`, {
    field,
    taken,
  });
