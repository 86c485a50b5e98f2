/**
 * docs/api.md's route tables against the OpenAPI document: a route line is a table row that starts with the
 * method and path in backticks, "| `POST /v1/orders/:id/cancel` | ...", `:name` for a path parameter.
 */
const ROUTE_LINE = /^\|\s*`(GET|POST|PUT|PATCH|DELETE) (\/[^`\s]*)`/;
const CODE_LINE = /^\|\s*`([A-Z][A-Z0-9_]+)`\s*\|\s*(\d{3})\s*\|/;
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** `POST /v1/orders/{id}/cancel`: a route as both lists are compared. */
const route = (method: string, path: string) => `${method.toUpperCase()} ${path.replace(/:(\w+)/g, '{$1}')}`;

export function documentedRoutes(markdown: string): string[] {
  return markdown.split('\n').flatMap((line) => {
    const match = ROUTE_LINE.exec(line);
    return match ? [route(match[1], match[2])] : [];
  });
}

export function servedRoutes(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  return Object.entries(document.paths).flatMap(([path, operations]) =>
    Object.keys(operations)
      .filter((method) => METHODS.includes(method))
      .map((method) => route(method, path)),
  );
}

/** What the reference misses (served, not documented) and what it invents (documented, not served). */
export function compareRoutes(markdown: string, document: { paths: Record<string, Record<string, unknown>> }) {
  const documented = new Set(documentedRoutes(markdown));
  const served = new Set(servedRoutes(document));
  return {
    undocumented: [...served].filter((one) => !documented.has(one)).sort(),
    unserved: [...documented].filter((one) => !served.has(one)).sort(),
  };
}

/** The error-code table: `{code: status}`. */
export function documentedErrorCodes(markdown: string): Record<string, number> {
  return Object.fromEntries(
    markdown.split('\n').flatMap((line) => {
      const match = CODE_LINE.exec(line);
      return match ? [[match[1], Number(match[2])]] : [];
    }),
  );
}
