/**
 * /openapi.json against the routes the app really has: every route (method and path, from Fastify's route
 * tree) is in the document unless it is one of the non-API pages; every route that takes a body describes it;
 * every answer has a description of its own; every reference resolves. And the answers described are the
 * answers given: real JSON answers (success and error) are checked against their documented JSON Schema,
 * since the response schemas document the answers and are not run when answering.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Validator, type Schema } from '@cfworker/json-schema';
import { buildApp } from '../../src/app.js';

type App = Awaited<ReturnType<typeof buildApp>>;
type Operation = {
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, { schema?: Schema }> }>;
};
type Spec = { paths: Record<string, Record<string, Operation>>; components: { schemas: Record<string, Schema> } };

let app: App;
let dir: string;
let spec: Spec;
beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'vanban-openapi-'));
  app = await buildApp({ logger: false, dataDir: dir, poolSize: 1 });
  spec = (await app.inject({ url: '/openapi.json' })).json() as Spec;
}, 60_000);
afterAll(async () => {
  await app?.close();
  rmSync(dir, { recursive: true, force: true });
});

/**
 * The routes in Fastify's route tree (printRoutes with commonPrefix off): each line is a segment appended to its
 * parent's path, four columns deeper, with its methods in parentheses.
 */
function routesOf(tree: string): { method: string; url: string }[] {
  const out: { method: string; url: string }[] = [];
  const stack: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^([│ ]*)[├└]── ([^\s│├└─].*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    stack.length = depth;
    const url = (stack[depth - 1] ?? '') + m[2]!;
    stack[depth] = url;
    for (const method of m[3]?.split(', ') ?? []) out.push({ method, url });
  }
  return out;
}

/** The pages that are not the API: the staff page and its files, the API documentation itself. */
const NOT_API = /^\/(index\.html|openapi\.json|docs(\/.*)?|\*)?$/;

describe('the OpenAPI document', () => {
  it('has every route of the API, each body described, each answer described, every reference resolving', () => {
    const routes = routesOf(app.printRoutes({ commonPrefix: false })).filter((r) => r.method !== 'HEAD');
    // The tree was read: the API's routes are there (a parser that read nothing would pass everything).
    expect(routes.length).toBeGreaterThanOrEqual(25);
    expect(routes).toContainEqual({ method: 'POST', url: '/v1/documents/:id/revoke' });
    const problems: string[] = [];
    const api = routes.filter((r) => !NOT_API.test(r.url));
    for (const { method, url } of api) {
      const op = spec.paths[url.replace(/:(\w+)/g, '{$1}')]?.[method.toLowerCase()];
      if (!op) {
        problems.push(`${method} ${url}: not in /openapi.json`);
        continue;
      }
      // A body is JSON, or a file (the signed PDFs of /v1/documents/:id/signed and /v1/verify) described as binary.
      if (['POST', 'PUT', 'PATCH'].includes(method) && !Object.values(op.requestBody?.content ?? {}).some((c) => c.schema))
        problems.push(`${method} ${url}: no request body schema`);
      const answers = Object.entries(op.responses ?? {});
      if (answers.length === 0) problems.push(`${method} ${url}: no answers`);
      for (const [status, answer] of answers)
        if (!answer.description || answer.description === 'Default Response') problems.push(`${method} ${url} ${status}: no description`);
    }
    const text = JSON.stringify(spec);
    for (const [, name] of text.matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g))
      if (!spec.components.schemas[name!]) problems.push(`$ref to a missing component: ${name}`);
    expect(problems).toEqual([]);
    // Every route of the API was checked, including those the issue named.
    for (const url of ['/v1/documents', '/v1/documents/{id}/metadata.xml', '/v1/registers', '/v1/batch', '/v1/templates/{id}/render', '/metrics'])
      expect(Object.keys(spec.paths)).toContain(url);
  });

  it('describes the data of a document as one of the types, and the envelopes of issue, revoke and batch', () => {
    const body = (url: string) => spec.paths[url]!.post!.requestBody!.content!['application/json']!.schema as Record<string, any>;
    const types = (body('/v1/templates/{id}/render').oneOf as { $ref: string }[]).map((r) => r.$ref);
    expect(types).toContain('#/components/schemas/quyet-dinh');
    expect(body('/v1/documents').properties.data.oneOf).toEqual(body('/v1/templates/{id}/render').oneOf);
    expect(body('/v1/documents').required).toEqual(['template', 'data']);
    expect(body('/v1/documents/{id}/revoke').properties.reason.maxLength).toBe(1000);
    expect(body('/v1/batch').properties.items.items.properties.data.oneOf).toHaveLength(types.length);
  });

  it('says how to present a key, and the access answers of every keyed operation (401, 429; 403 on /metrics)', () => {
    const doc = spec as Spec & { security?: unknown; components: { securitySchemes?: Record<string, unknown> } };
    expect(Object.keys(doc.components.securitySchemes ?? {}).sort()).toEqual(['apiKey', 'bearer']);
    expect(doc.security).toEqual([{ bearer: [] }, { apiKey: [] }]);
    let keyed = 0;
    for (const [url, item] of Object.entries(spec.paths))
      for (const [method, op] of Object.entries(item)) {
        const open = (op as { security?: unknown[] }).security;
        if (/^\/(health|ready)$/.test(url)) expect(open, `${method} ${url}`).toEqual([]);
        if (open) continue;
        keyed += 1;
        expect(Object.keys(op.responses ?? {}), `${method} ${url}`).toEqual(expect.arrayContaining(['401', '429']));
      }
    expect(keyed).toBeGreaterThan(10);
    expect(Object.keys(spec.paths['/metrics']!.get!.responses!)).toContain('403');
    // A route's own meaning of a status wins over the generic one: a busy renderer's 429.
    expect(spec.paths['/v1/templates/{id}/render']!.post!.responses!['429']!.description).toMatch(/bận/);
  });
});

describe('the answers described are the answers given', () => {
  /** Checks an answer's JSON body against the schema the document gives for its route, status and type. */
  function expectDescribed(route: string, method: string, res: { statusCode: number; headers: Record<string, unknown>; body: string }) {
    const answer = spec.paths[route]?.[method]?.responses?.[String(res.statusCode)];
    expect(answer, `${method} ${route} ${res.statusCode}: not described`).toBeDefined();
    const type = String(res.headers['content-type']).split(';')[0]!;
    const schema = answer!.content?.[type]?.schema;
    expect(schema, `${method} ${route} ${res.statusCode} ${type}: no schema`).toBeDefined();
    const result = new Validator({ ...(schema as object), components: spec.components } as Schema, '2020-12').validate(JSON.parse(res.body));
    expect(result.errors.filter((e) => e.keyword !== 'properties'), `${method} ${route} ${res.statusCode}: ${res.body.slice(0, 300)}`).toEqual([]);
    expect(result.valid).toBe(true);
  }
  const json = (body: unknown) => ({ headers: { 'content-type': 'application/json' }, payload: JSON.stringify(body) });

  it('service, catalog and validation', async () => {
    expectDescribed('/health', 'get', await app.inject({ url: '/health' }));
    expectDescribed('/v1/templates', 'get', await app.inject({ url: '/v1/templates' }));
    const example = await app.inject({ url: '/v1/templates/quyet-dinh/example' });
    expectDescribed('/v1/templates/{id}/example', 'get', example);
    expectDescribed('/v1/templates/{id}/validate', 'post', await app.inject({ method: 'POST', url: '/v1/templates/quyet-dinh/validate', ...json(example.json()) }));
    expectDescribed('/v1/templates/{id}/validate', 'post', await app.inject({ method: 'POST', url: '/v1/templates/quyet-dinh/validate', ...json({ date: 3 }) }));
  });

  it('errors, in the one error shape', async () => {
    expectDescribed('/v1/templates/{id}/schema', 'get', await app.inject({ url: '/v1/templates/khong-co/schema' }));
    expectDescribed('/v1/templates/{id}/render', 'post', await app.inject({ method: 'POST', url: '/v1/templates/quyet-dinh/render?format=odt', ...json({}) }));
    expectDescribed('/v1/templates/{id}/render', 'post', await app.inject({ method: 'POST', url: '/v1/templates/quyet-dinh/render', ...json({ date: 3 }) }));
    expectDescribed('/v1/documents', 'get', await app.inject({ url: '/v1/documents?status=nope' }));
    expectDescribed('/v1/batch', 'post', await app.inject({ method: 'POST', url: '/v1/batch', ...json({ items: [] }) }));
    expectDescribed('/v1/documents/{id}', 'get', await app.inject({ url: '/v1/documents/00000000-0000-0000-0000-000000000000' }));
  });

  it('a document issued, read, listed and revoked', async () => {
    const data = JSON.parse(readFileSync('fixtures/quyet-dinh/qd-tm-kt.json', 'utf8')) as Record<string, unknown>;
    delete data.number;
    const issued = await app.inject({ method: 'POST', url: '/v1/documents', ...json({ template: 'quyet-dinh', data }) });
    expect(issued.statusCode, issued.body).toBe(201);
    expectDescribed('/v1/documents', 'post', issued);
    const id = (issued.json() as { id: string }).id;
    expectDescribed('/v1/documents/{id}', 'get', await app.inject({ url: `/v1/documents/${id}` }));
    expectDescribed('/v1/documents/{id}/data', 'get', await app.inject({ url: `/v1/documents/${id}/data` }));
    expectDescribed('/v1/documents', 'get', await app.inject({ url: '/v1/documents' }));
    expectDescribed('/v1/documents/{id}/revoke', 'post', await app.inject({ method: 'POST', url: `/v1/documents/${id}/revoke`, ...json({ reason: 'Thử' }) }));
    expectDescribed('/v1/documents/{id}/revoke', 'post', await app.inject({ method: 'POST', url: `/v1/documents/${id}/revoke`, ...json({ reason: 'Lần nữa' }) }));
  }, 60_000);
});
