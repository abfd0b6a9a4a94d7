/**
 * /openapi.json (OpenAPI 3.1) and /docs, a plugin over the whole app: @fastify/swagger collects every route
 * registered after it, and fastify-type-provider-zod's transform turns each route's zod schemas (params, query,
 * headers, body, answers) into JSON Schema, so that the document says what the routes validate. The components
 * are added here: the error body (errorBodySchema) and each document type's JSON Schema, which the data of a
 * document refers to (src/http/schemas.ts).
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import type { OpenAPIV3_1 } from 'openapi-types';
import { z } from 'zod';
import { CATALOG } from '../documents/catalog.js';
import { isAdminPath, isPublicPath } from './access.js';
import { errorBodySchema } from './errors.js';
import { jsonSchemaOf } from './schemas.js';

/** A JSON Schema as a component: without the keywords of a document of its own ($schema, $id). */
function asComponent(schema: object): OpenAPIV3_1.SchemaObject {
  const { $schema: _s, $id: _i, ...rest } = schema as OpenAPIV3_1.SchemaObject & { $schema?: string; $id?: string };
  return rest;
}

const components = (): Record<string, OpenAPIV3_1.SchemaObject> => ({
  Error: asComponent(z.toJSONSchema(errorBodySchema, { io: 'output' })),
  ...Object.fromEntries(CATALOG.map((t) => [t.id, asComponent(jsonSchemaOf(t.id, t.schema))])),
});

/** The two ways to present a key (src/http/access.ts): either one. */
const SECURITY_SCHEMES: Record<string, OpenAPIV3_1.SecuritySchemeObject> = {
  bearer: { type: 'http', scheme: 'bearer', description: 'Khóa API: Authorization: Bearer <khóa>' },
  apiKey: { type: 'apiKey', in: 'header', name: 'X-Api-Key', description: 'Khóa API trong tiêu đề X-Api-Key' },
};
const KEYED: OpenAPIV3_1.SecurityRequirementObject[] = [{ bearer: [] }, { apiKey: [] }];

const errorRef = (description: string): OpenAPIV3_1.ResponseObject => ({
  description,
  content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
});
/** What access answers before any route runs, on every route that needs a key (when keys are configured). */
const ACCESS_ANSWERS: Record<string, OpenAPIV3_1.ResponseObject> = {
  401: errorRef('Thiếu khóa API hoặc khóa không hợp lệ (missing_api_key, invalid_api_key)'),
  429: errorRef('Vượt giới hạn yêu cầu mỗi phút của khóa API (rate_limited), hoặc dịch vụ đang bận: thử lại sau Retry-After giây'),
};

/**
 * The access rules in the document: public paths (the same list access.ts lets through) need no key; every
 * other operation needs one and may answer 401 and 429 (and /metrics 403 to an agency key). A route's own
 * description of a status (a busy renderer's 429) is kept.
 */
function withAccess(paths: OpenAPIV3_1.PathsObject): OpenAPIV3_1.PathsObject {
  const out: OpenAPIV3_1.PathsObject = {};
  for (const [path, item] of Object.entries(paths)) {
    const ops: Record<string, unknown> = { ...item };
    for (const method of ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'] as const) {
      const op = item?.[method];
      if (!op) continue;
      const open = isPublicPath(path);
      ops[method] = open
        ? { ...op, security: [] }
        : {
            ...op,
            responses: {
              ...ACCESS_ANSWERS,
              ...(isAdminPath(path) ? { 403: errorRef('Chỉ khóa API quản trị (forbidden)') } : {}),
              ...op.responses,
            },
          };
    }
    out[path] = ops as OpenAPIV3_1.PathItemObject;
  }
  return out;
}

const openapiPlugin: FastifyPluginAsync = async (app) => {
  const schemas = components();
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'vanban',
        version: '1',
        description:
          'Kết xuất văn bản hành chính theo thể thức Nghị định 30/2020/NĐ-CP ra DOCX và PDF. Dữ liệu JSON (khóa tiếng Anh, giá trị tiếng Việt NFC).',
      },
      tags: [
        { name: 'templates', description: 'Mẫu văn bản' },
        { name: 'documents', description: 'Sổ đăng ký và lưu trữ văn bản đi' },
        { name: 'jobs', description: 'Tác vụ nền: lô văn bản kết xuất nền, kết quả lấy sau' },
        { name: 'agencies', description: 'Hồ sơ cơ quan: tên, phần đầu, địa danh, người ký, nơi nhận, con dấu' },
        { name: 'drafts', description: 'Bản thảo trên máy chủ: phiên bản, dấu "DỰ THẢO", ban hành' },
        { name: 'service', description: 'Tình trạng dịch vụ' },
      ],
    },
    hideUntagged: true,
    transform: jsonSchemaTransform,
    transformObject: (doc) => {
      if (!('openapiObject' in doc)) return doc.swaggerObject;
      // The document is 3.1 (configured above).
      const spec = doc.openapiObject as Partial<OpenAPIV3_1.Document>;
      return { ...spec, paths: withAccess(spec.paths ?? {}), security: KEYED, components: { ...spec.components, schemas, securitySchemes: SECURITY_SCHEMES } };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
};

export const openapi = fp(openapiPlugin, { name: 'vanban-openapi' });
