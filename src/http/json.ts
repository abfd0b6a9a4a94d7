/**
 * JSON bodies, a plugin over the whole app (fastify-plugin): the parser checks the nesting depth on the raw
 * text, iteratively, before JSON.parse and before any recursive pass (NFC normalisation, validation) walks the
 * value; a body nested deeper than the limit is a client's mistake, answered 400, never a RangeError. Only JSON
 * is accepted (415 otherwise), and a POST without a body is 400 missing_body before its route's schema runs.
 */
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { VanbanError } from '../service.js';
import { errorBody } from './errors.js';

/** The deepest nesting of arrays and objects in a JSON text (strings skipped); stops counting past `limit`. */
export function jsonDepth(text: string, limit = Infinity): number {
  let depth = 0;
  let max = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      if (++depth > max) {
        max = depth;
        if (max > limit) return max;
      }
    } else if (c === 0x7d || c === 0x5d) depth--;
  }
  return max;
}

const jsonPlugin: FastifyPluginAsync<{ maxDepth: number }> = async (app, { maxDepth }) => {
  app.removeContentTypeParser('text/plain');
  const parse = app.getDefaultJsonParser('error', 'error');
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (req, body, done) => {
    const text = body as string;
    if (jsonDepth(text, maxDepth) > maxDepth)
      return done(
        new VanbanError(400, 'json_too_deep', `Nội dung JSON lồng nhau quá sâu: tối đa ${maxDepth} cấp`, [
          { path: '$', code: 'too_deep', message: `Quá ${maxDepth} cấp đối tượng/danh sách lồng nhau` },
        ]),
        undefined,
      );
    parse(req, text, done);
  });
  app.addHook('preValidation', async (req, reply) => {
    if (req.method === 'POST' && req.body === undefined) {
      return reply.status(400).send(errorBody('missing_body', 'Thiếu nội dung JSON của yêu cầu'));
    }
  });
};

export const jsonBodies = fp(jsonPlugin, { name: 'vanban-json' });
