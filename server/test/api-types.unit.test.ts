import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { WEB_API_TYPES, webApiTypes } from '../src/app/api-types.js';

describe('the web app API types', () => {
  it('are generated from the current OpenAPI document (run `npm run api:types` when this fails)', async () => {
    const committed = readFileSync(WEB_API_TYPES, 'utf8');
    expect(committed === (await webApiTypes()), `${WEB_API_TYPES} is stale: run npm run api:types`).toBe(
      true,
    );
  }, 60_000);
});
