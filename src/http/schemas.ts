/**
 * What the route plugins share to describe the API in zod, so that /openapi.json says what the routes do:
 * references to the components of /openapi.json (the error body, each document type's JSON Schema; put there by
 * src/http/openapi.ts), the data of a document, and the answers that are files or errors.
 *
 * The data of a document is the one body a route does not validate itself: its schema is its type's, and the
 * type is named by the URL or by the envelope. The route takes it as it comes and the service validates it
 * (after its overload check, for a render, so that a refusal costs next to nothing); /openapi.json describes it
 * as one of the types' schemas.
 */
import { z } from 'zod';
import { CATALOG } from '../documents/catalog.js';

/** The JSON Schema of a document type, as GET /v1/templates/:id/schema serves it and /openapi.json holds it. */
export function jsonSchemaOf(id: string, schema: z.ZodType): Record<string, unknown> {
  return { ...z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }), $id: `/v1/templates/${id}/schema` };
}

/** A reference to a component of /openapi.json. */
const component = (name: string) => ({ $ref: `#/components/schemas/${name}` });

/** A value the route takes as it comes, described in /openapi.json by this JSON Schema. */
const takenAsIs = (jsonSchema: Record<string, unknown>) => z.unknown().meta(jsonSchema);

/** The data of a document: one of the catalog's types, validated by the service against the type named. */
export const documentData = (title: string, description: string) =>
  takenAsIs({ title, description, oneOf: CATALOG.map((t) => component(t.id)) });

/** Error answers, each status with what it means there; the body is always the Error component. */
export function errorAnswers<Status extends number>(meanings: Record<Status, string>) {
  const content = { 'application/json': { schema: takenAsIs(component('Error')) } };
  type Answer = { description: string; content: typeof content };
  return Object.fromEntries(Object.entries<string>(meanings).map(([status, description]) => [status, { description, content }])) as Record<Status, Answer>;
}

/** An answer that is a file (bytes), in one of these content types. */
export const fileAnswer = (description: string, contentTypes: readonly string[]) => ({
  description,
  content: Object.fromEntries(contentTypes.map((type) => [type, { schema: takenAsIs({ type: 'string', format: 'binary' }) }])),
});

/** An answer that is text (XML, the Prometheus format...), in this content type. */
export const textAnswer = (description: string, contentType: string) => ({
  description,
  content: { [contentType]: { schema: z.string() } },
});
