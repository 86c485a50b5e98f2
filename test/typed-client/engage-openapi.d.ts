/**
 * Stands in for the types openapi-typescript generates from /docs-json, so the repository type-checks without
 * them. typed-client.e2e-spec.ts compiles mini-program.ts against the generated types instead (compiler `paths`).
 */
declare module 'engage-openapi' {
  export type paths = any;
}
