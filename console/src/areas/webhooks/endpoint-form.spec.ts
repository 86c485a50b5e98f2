import { changesOf, toEndpointBody, toFormValues } from './endpoint-form';
import type { WebhookEndpoint } from './webhook-types';

const endpoint: WebhookEndpoint = {
  id: 'e1',
  url: 'https://erp.example.com/hooks',
  events: ['order.paid', 'refund.succeeded'],
  status: 'enabled',
  description: null,
  createdAt: '2026-05-01T00:00:00.000Z',
  updatedAt: '2026-05-01T00:00:00.000Z',
};

describe('endpoint form', () => {
  it('sends ["*"] for all events and leaves out an empty description', () => {
    expect(
      toEndpointBody({ url: ' https://a.example/h ', scope: 'all', events: ['order.paid'], description: ' ' }),
    ).toEqual({ url: 'https://a.example/h', events: ['*'] });
    expect(
      toEndpointBody({ url: 'https://a.example/h', scope: 'chosen', events: ['order.paid'], description: 'ERP' }),
    ).toEqual({ url: 'https://a.example/h', events: ['order.paid'], description: 'ERP' });
  });

  it('patches nothing when nothing changed, whatever the order of the events', () => {
    const values = { ...toFormValues(endpoint), events: ['refund.succeeded', 'order.paid'] };
    expect(changesOf(endpoint, values)).toEqual({});
  });

  it('patches only what changed', () => {
    expect(changesOf(endpoint, { ...toFormValues(endpoint), scope: 'all', description: 'Warehouse' })).toEqual({
      events: ['*'],
      description: 'Warehouse',
    });
    expect(changesOf({ ...endpoint, description: 'ERP' }, toFormValues(endpoint))).toEqual({ description: '' });
  });
});
