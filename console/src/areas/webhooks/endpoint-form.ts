import { ALL_EVENTS, type WebhookEndpoint } from './webhook-types';

/** What the endpoint form holds: "all events" or a choice of types. */
export interface EndpointFormValues {
  url: string;
  scope: 'all' | 'chosen';
  events?: string[];
  description?: string;
}

export interface EndpointBody {
  url: string;
  events: string[];
  description?: string;
}

export function toEndpointBody(values: EndpointFormValues): EndpointBody {
  const description = values.description?.trim();
  return {
    url: values.url.trim(),
    events: values.scope === 'all' ? [ALL_EVENTS] : (values.events ?? []),
    ...(description ? { description } : {}),
  };
}

export function toFormValues(endpoint: WebhookEndpoint): EndpointFormValues {
  const all = endpoint.events.includes(ALL_EVENTS);
  return {
    url: endpoint.url,
    scope: all ? 'all' : 'chosen',
    events: all ? [] : endpoint.events,
    description: endpoint.description ?? '',
  };
}

/** A PATCH body with only what the form changed (an emptied description is sent as ""). */
export function changesOf(endpoint: WebhookEndpoint, values: EndpointFormValues): Partial<EndpointBody> {
  const next = toEndpointBody(values);
  const description = values.description?.trim() ?? '';
  const sameEvents =
    next.events.length === endpoint.events.length && next.events.every((type) => endpoint.events.includes(type));
  return {
    ...(next.url !== endpoint.url ? { url: next.url } : {}),
    ...(sameEvents ? {} : { events: next.events }),
    ...(description !== (endpoint.description ?? '') ? { description } : {}),
  };
}
