/**
 * OpenAPI 3.1 document: the route list comes from @fastify/swagger; request bodies (the zod-generated JSON
 * Schema of each document type), file responses and the error body are added here.
 */
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { CATALOG } from '../documents/catalog.js';
import { FORMATS } from '../service.js';
import { jsonSchemaOf } from './routes.js';

const errorSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: {
        code: { type: 'string', description: 'Mã lỗi cho máy đọc, ví dụ validation_failed, unknown_template' },
        message: { type: 'string', description: 'Thông báo tiếng Việt' },
        details: {
          type: 'array',
          items: {
            type: 'object',
            required: ['path', 'message'],
            properties: {
              path: { type: 'string', description: 'Đường dẫn JSON của trường lỗi, ví dụ $.articles[0].text' },
              code: { type: 'string' },
              message: { type: 'string' },
            },
          },
        },
      },
    },
  },
} as const;

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
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
        { name: 'service', description: 'Tình trạng dịch vụ' },
      ],
    },
    hideUntagged: true,
    transformObject: (doc) => complete((doc as { openapiObject: Record<string, unknown> }).openapiObject),
  });
  await app.register(swaggerUi, { routePrefix: '/docs', staticCSP: true, uiConfig: { docExpansion: 'list' } });

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

function complete(spec: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(spec) as { paths: Record<string, Record<string, Record<string, unknown>>>; components?: Record<string, unknown> };
  const schemas: Record<string, unknown> = { Error: errorSchema };
  for (const t of CATALOG) {
    const s = jsonSchemaOf(t.id, t.schema) as Record<string, unknown>;
    delete s.$schema;
    delete s.$id;
    schemas[t.id] = s;
  }
  out.components = { ...(out.components ?? {}), schemas };
  const err = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });
  const body = {
    required: true,
    content: { 'application/json': { schema: { oneOf: CATALOG.map((t) => ({ $ref: `#/components/schemas/${t.id}` })) } } },
  };
  const render = out.paths['/v1/templates/{id}/render']?.post;
  if (render) {
    render.requestBody = body;
    render.parameters = [
      { name: 'id', in: 'path', required: true, schema: { type: 'string', enum: CATALOG.map((t) => t.id) } },
      { name: 'format', in: 'query', schema: { type: 'string', enum: ['pdf', 'docx'], default: 'pdf' } },
      { name: 'strict', in: 'query', schema: { type: 'boolean', default: false }, description: 'Cảnh báo thành lỗi 422' },
    ];
    render.responses = {
      200: {
        description: 'Tệp văn bản; header Vanban-Warnings cho biết số cảnh báo',
        content: {
          [FORMATS.pdf.contentType]: { schema: { type: 'string', format: 'binary' } },
          [FORMATS.docx.contentType]: { schema: { type: 'string', format: 'binary' } },
        },
      },
      400: err('JSON hỏng hoặc định dạng không hỗ trợ'),
      404: err('Không có mẫu văn bản'),
      413: err('Nội dung quá lớn'),
      415: err('Không phải application/json'),
      422: err('Dữ liệu không hợp lệ: mọi lỗi kèm đường dẫn JSON'),
    };
  }
  const validate = out.paths['/v1/templates/{id}/validate']?.post;
  if (validate) validate.requestBody = body;
  return out as unknown as Record<string, unknown>;
}
