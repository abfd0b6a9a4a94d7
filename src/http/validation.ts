/**
 * Request validation by the route schemas. Routes declare their params, querystring, headers and body in zod
 * (typed in the handlers by fastify-type-provider-zod, described in /openapi.json by its transform); this
 * compiler runs them, and a part a schema refuses becomes the service's error body with every problem's JSON
 * path and Vietnamese message (problemsOf, src/documents/validate.ts), never Fastify's default 400.
 *
 * What a refusal says is the route's (`config.refused`, per part), so that each answer keeps its code and
 * message: by default a body is 422 validation_failed and a query 400 bad_query.
 *
 * Answers are written as they are: the response schemas describe them in /openapi.json and are not run, since
 * a schema that stripped or refused a field would change what clients receive.
 */
import type { FastifyError, FastifyRequest, FastifySchemaCompiler, FastifySerializerCompiler } from 'fastify';
import type { z } from 'zod';
import { problemsOf, type Problem } from '../documents/validate.js';
import { VanbanError } from '../service.js';

type Part = 'body' | 'querystring' | 'params' | 'headers';

/** The error a refused part answers, from its problems (and the request, whose refused part is still raw). */
export type Refusal = (problems: Problem[], req: FastifyRequest) => VanbanError;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** The answer of each part of the request its schema refuses; see `refusedBody`, `refusedQuery`. */
    refused?: Partial<Record<Part, Refusal>>;
  }
}

/** A body refused by its schema: 422 validation_failed with the route's message. */
export const refusedBody =
  (message: string): Refusal =>
  (problems) =>
    new VanbanError(422, 'validation_failed', message, problems);

/** A query string refused by its schema: 400 bad_query with the route's message. */
export const refusedQuery =
  (message: string): Refusal =>
  (problems) =>
    new VanbanError(400, 'bad_query', message, problems);

const DEFAULTS: Record<Part, Refusal> = {
  body: refusedBody('Dữ liệu không hợp lệ'),
  querystring: refusedQuery('Tham số không hợp lệ'),
  params: (problems) => new VanbanError(400, 'bad_request', 'Đường dẫn không hợp lệ', problems),
  headers: (problems) => new VanbanError(400, 'bad_request', 'Header của yêu cầu không hợp lệ', problems),
};

/** What the compiled validator returns for a refused part; Fastify adds the part as validationContext. */
class Refused extends Error {
  constructor(readonly problems: Problem[]) {
    super('request refused by its schema');
  }
}

export const validatorCompiler: FastifySchemaCompiler<z.ZodType> =
  ({ schema }) =>
  (data) => {
    const r = schema.safeParse(data);
    return r.success ? { value: r.data } : { error: new Refused(problemsOf(r.error)) };
  };

/** The answer to an error from the validator: the route's refusal of that part; undefined for any other error. */
export function refusalOf(err: FastifyError, req: FastifyRequest): VanbanError | undefined {
  if (!(err instanceof Refused)) return undefined;
  const part = (err.validationContext ?? 'body') as Part;
  return (req.routeOptions.config.refused?.[part] ?? DEFAULTS[part])(err.problems, req);
}

export const serializerCompiler: FastifySerializerCompiler<unknown> = () => (data) => JSON.stringify(data);
