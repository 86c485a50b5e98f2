/**
 * What a front door (FrontDoor's routes, answered before Fastify) reads off a raw request the way Fastify would, so
 * a request answers the same whichever of the two takes it.
 */

/** A path segment as the router decodes path parameters; null when its percent-encoding is broken. */
export function decodedPathSegment(segment: string): string | null {
  if (!segment.includes('%')) return segment;
  try {
    return decodeURIComponent(segment);
  } catch {
    return null;
  }
}

/** Whether a content-type is JSON by its media type (parameters such as charset ignored, as Fastify matches it). */
export function isJsonMediaType(type: string): boolean {
  if (type === 'application/json') return true;
  const semicolon = type.indexOf(';');
  return (semicolon === -1 ? type : type.slice(0, semicolon)).trim().toLowerCase() === 'application/json';
}
