import type { FastifySchemaCompiler } from 'fastify';
import { validatorCompiler as zodValidatorCompiler } from 'fastify-type-provider-zod';
import type { ZodType } from 'zod';

/** A UTF-16 surrogate without its partner. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const UNSAFE_TEXT = 'must not contain NUL or unpaired surrogate characters';

export function isSafeText(value: string): boolean {
  return !value.includes('\0') && !LONE_SURROGATE.test(value);
}

/** JSON-pointer-like paths of every string (or object key) in `value` that is not safe text. */
export function unsafeTextPaths(value: unknown, path: string[] = [], found: string[][] = []): string[][] {
  if (typeof value === 'string') {
    if (!isSafeText(value)) found.push(path);
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) unsafeTextPaths(item, [...path, String(i)], found);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (!isSafeText(key)) found.push([...path, key]);
      else unsafeTextPaths(item, [...path, key], found);
    }
  }
  return found;
}

/**
 * The Zod validator compiler, preceded by one check of every string in the request (params, query, headers,
 * body) for NUL and unpaired surrogates: PostgreSQL refuses them (a 500 otherwise) and no person types them.
 * Errors take the Zod provider's shape, so the error handler reports them as any other field error.
 */
export const validatorCompiler: FastifySchemaCompiler<ZodType> = (route) => {
  const validate = zodValidatorCompiler(route);
  return (data) => {
    const paths = route.httpPart === 'headers' ? [] : unsafeTextPaths(data);
    if (paths.length === 0) return validate(data);
    return {
      error: paths.map((path) => ({
        [Symbol.for('ZodFastifySchemaValidationError')]: true,
        keyword: 'custom',
        instancePath: `/${path.join('/')}`,
        schemaPath: `#/${path.join('/')}/custom`,
        message: UNSAFE_TEXT,
        params: {},
      })) as unknown as Error,
    };
  };
};
