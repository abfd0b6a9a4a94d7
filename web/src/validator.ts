/**
 * The JSON Schema validator react-jsonschema-form asks when it picks the matching branch of a oneOf/anyOf
 * (a content block, a table cell, a task that is text or text with details).
 *
 * @rjsf/validator-ajv8 compiles every schema to JavaScript with `new Function`, which the page's
 * Content-Security-Policy (script-src 'self', no 'unsafe-eval') forbids; @cfworker/json-schema interprets the
 * schema instead, so it runs under that policy. The messages the staff see come from the server
 * (POST /v1/templates/:id/validate): this validator only answers "does this value fit this branch".
 */
import { Validator, type Schema } from '@cfworker/json-schema';
import {

  type CustomValidator,
  type ErrorSchema,
  type ErrorTransformer,
  type RJSFSchema,
  type RJSFValidationError,
  type UiSchema,
  type ValidationData,
  type ValidatorType,
} from '@rjsf/utils';

const cache = new WeakMap<object, Validator>();

function validatorFor(schema: RJSFSchema, rootSchema?: RJSFSchema): Validator {
  let v = cache.get(schema);
  if (!v) {
    // Sub-schemas never carry $ref here (the service inlines everything), but keep the root's definitions at hand.
    const withDefs =
      rootSchema && rootSchema !== schema && (rootSchema.$defs || rootSchema.definitions)
        ? { ...schema, $defs: rootSchema.$defs, definitions: rootSchema.definitions }
        : schema;
    v = new Validator(withDefs as Schema, '2020-12', true);
    cache.set(schema, v);
  }
  return v;
}

/** "/articles/0/text" -> ["articles", 0, "text"] */
function pointerPath(pointer: string): (string | number)[] {
  return pointer
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

export class InterpretingValidator implements ValidatorType<unknown, RJSFSchema> {
  isValid(schema: RJSFSchema, formData: unknown, rootSchema: RJSFSchema): boolean {
    try {
      return validatorFor(schema, rootSchema).validate(formData).valid;
    } catch {
      return false;
    }
  }

  rawValidation<Result = unknown>(schema: RJSFSchema, formData?: unknown): { errors?: Result[]; validationError?: Error } {
    try {
      const r = new Validator(schema as Schema, '2020-12', false).validate(formData);
      return { errors: r.errors as Result[] };
    } catch (e) {
      return { validationError: e instanceof Error ? e : new Error(String(e)) };
    }
  }

  validateFormData(
    formData: unknown,
    schema: RJSFSchema,
    _customValidate?: CustomValidator<unknown, RJSFSchema>,
    transformErrors?: ErrorTransformer<unknown, RJSFSchema>,
    uiSchema?: UiSchema<unknown, RJSFSchema>,
  ): ValidationData<unknown> {
    const r = new Validator(schema as Schema, '2020-12', false).validate(formData);
    // Only the innermost units name a real problem; the others repeat it one level up.
    let errors: RJSFValidationError[] = r.errors
      .filter((u) => !/^(properties|items|allOf|\$ref)$/.test(u.keyword))
      .map((u) => {
        const path = pointerPath(u.instanceLocation);
        return {
          name: u.keyword,
          property: path.length ? '.' + path.join('.') : '.',
          message: u.error,
          stack: u.error,
          schemaPath: u.keywordLocation,
        };
      });
    if (transformErrors) errors = transformErrors(errors, uiSchema);
    const errorSchema: Record<string, unknown> = {};
    for (const e of errors) {
      let node = errorSchema;
      for (const key of pointerPath('/' + (e.property ?? '').replace(/^\./, '').split('.').filter(Boolean).join('/'))) {
        node = (node[key] ??= {}) as Record<string, unknown>;
      }
      ((node.__errors ??= []) as string[]).push(e.message ?? '');
    }
    return { errors, errorSchema: errorSchema as ErrorSchema<unknown> };
  }

  reset(): void {}
}

export const validator = new InterpretingValidator();
