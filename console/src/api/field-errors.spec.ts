import { toNamePath } from './field-errors';

describe('toNamePath', () => {
  it.each([
    ['name', ['name']],
    ['items.0.skuId', ['items', 0, 'skuId']],
    ['prizes[0].couponTemplateId', ['prizes', 0, 'couponTemplateId']],
    ['prizes[12].stock', ['prizes', 12, 'stock']],
    ['validity.endsAt', ['validity', 'endsAt']],
  ])('reads %j as %j', (field, path) => expect(toNamePath(field)).toEqual(path));
});
