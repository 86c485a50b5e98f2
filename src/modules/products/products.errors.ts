import { DomainError } from '../../platform/errors/domain-error';

export const skuTaken = (sku: string): DomainError =>
  new DomainError('SKU_TAKEN', `A product with sku "${sku}" already exists`, { field: 'sku' });
