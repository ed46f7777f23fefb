import { readFile, writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { relative } from 'node:path';

/** A CPU profile of `fn` (V8's sampling profiler in this process), written to `file`, with a summary. */

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
};
type Profile = { nodes: ProfileNode[]; startTime: number; endTime: number; samples?: number[] };

export type ProfileSummary = {
  totalMs: number;
  samples: number;
  busyMs: number;
  byFunction: [string, number][];
  byPlace: [string, number][];
};

const root = new URL('../../../', import.meta.url).pathname;

function placeOf(url: string): string {
  if (!url) return '(V8 / native)';
  const path = url.startsWith('file://') ? new URL(url).pathname : url;
  const modules = path.lastIndexOf('node_modules/');
  if (modules >= 0) {
    const rest = path.slice(modules + 'node_modules/'.length).split('/');
    return `${rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]} (package)`;
  }
  if (path.startsWith('node:')) return 'node internals';
  return relative(root, path);
}

export async function profiled<T>(
  file: string,
  fn: () => Promise<T>,
): Promise<{ value: T; summary: ProfileSummary }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 500 });
  await session.post('Profiler.start');
  try {
    const value = await fn();
    const { profile } = (await session.post('Profiler.stop')) as unknown as { profile: Profile };
    await writeFile(file, JSON.stringify(profile));
    return { value, summary: summarise(profile) };
  } finally {
    session.disconnect();
  }
}

function summarise(profile: Profile): ProfileSummary {
  const samples = profile.samples?.length ?? 0;
  const totalMs = (profile.endTime - profile.startTime) / 1000;
  const msPerSample = samples ? totalMs / samples : 0;
  const byFunction = new Map<string, number>();
  const byPlace = new Map<string, number>();
  for (const node of profile.nodes) {
    const hits = node.hitCount ?? 0;
    if (!hits) continue;
    const { functionName, url, lineNumber } = node.callFrame;
    const place = placeOf(url);
    const name = `${functionName || '(anonymous)'} — ${place}${url ? `:${lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + hits * msPerSample);
    byPlace.set(place, (byPlace.get(place) ?? 0) + hits * msPerSample);
  }
  const top = (m: Map<string, number>, n: number) => [...m].sort((a, b) => b[1] - a[1]).slice(0, n);
  const idle = [...byFunction].filter(([name]) => name.startsWith('(idle)')).reduce((t, [, ms]) => t + ms, 0);
  return {
    totalMs,
    samples,
    busyMs: totalMs - idle,
    byFunction: top(byFunction, 15),
    byPlace: top(byPlace, 12),
  };
}

/** The summary of a profile another process wrote (node --cpu-prof). */
export async function summariseFile(file: string): Promise<ProfileSummary> {
  return summarise(JSON.parse(await readFile(file, 'utf8')) as Profile);
}
