import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { privateAncestor } from '../src/platform/db/embedded-postgres.js';

// As root in a fresh container, a copy of Carebook in /root (mode 0700) cannot be reached by the postgres
// user the embedded server runs as: Carebook must name the directory instead of failing with initdb's EACCES.
describe('a directory the postgres user cannot enter', () => {
  let base = '';
  afterAll(async () => {
    if (base) {
      await chmod(join(base, 'home'), 0o755);
      await rm(base, { recursive: true, force: true });
    }
  });

  it('is named, the first one on the way down from /', async () => {
    base = await mkdtemp(join(tmpdir(), 'carebook-private-'));
    await chmod(base, 0o755);
    const copy = join(base, 'home', 'carebook', 'data');
    await mkdir(copy, { recursive: true });
    expect(await privateAncestor(copy)).toBeNull();
    await chmod(join(base, 'home'), 0o700);
    expect(await privateAncestor(copy)).toEqual({ dir: join(base, 'home'), mode: '0700' });
  });
});
