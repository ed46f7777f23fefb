// The server build: tsc emits server/dist from server/src; files the code reads beside itself (not .ts) are
// copied next to their compiled modules, so the compiled server finds them where the sources do.
import { cpSync, readdirSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const src = join(import.meta.dirname, '../src');
const dist = join(import.meta.dirname, '../dist');
const ASSETS = ['.csv'];

for (const entry of readdirSync(src, { recursive: true, withFileTypes: true })) {
  if (!entry.isFile() || !ASSETS.some((ext) => entry.name.endsWith(ext))) continue;
  const from = join(entry.parentPath, entry.name);
  const to = join(dist, relative(src, from));
  cpSync(from, to, { force: true });
  console.log(`copied ${relative(dirname(src), from)}`);
}
