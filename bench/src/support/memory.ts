import { readFile } from 'node:fs/promises';
import { type BenchResult, fmt } from './report.js';

/** Resident set size of a process in bytes, from /proc (Linux); null when it cannot be read. */
export async function rssOf(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const match = status && /^VmRSS:\s+(\d+) kB$/m.exec(status);
  return match ? Number(match[1]) * 1024 : null;
}

export type RssSampler = {
  stop: () => Promise<{ before: number; peak: number; after: number; samples: number }>;
};

/** Samples a process's RSS every `everyMs` until stopped: the figure before, the peak, and the last. */
export function sampleRss(pid: number, everyMs = 100): RssSampler {
  let peak = 0;
  let last = 0;
  let samples = 0;
  let before: number | null = null;
  const take = async () => {
    const rss = await rssOf(pid);
    if (rss === null) return;
    before ??= rss;
    last = rss;
    peak = Math.max(peak, rss);
    samples++;
  };
  void take();
  const timer = setInterval(() => void take(), everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await take();
      return { before: before ?? 0, peak, after: last, samples };
    },
  };
}

const MB = 2 ** 20;

/** Benchmark 8: the product server's memory while it answered the calendar benchmark's load. */
export function memoryResult(
  rss: { before: number; peak: number; after: number; samples: number },
  options: { dataSet: string; full: boolean },
): BenchResult {
  const peakMb = rss.peak / MB;
  return {
    id: 'memory',
    title: '8. Memory',
    dataSet: options.dataSet,
    figures: [
      {
        label: 'product server RSS under the calendar load (autocannon, 10 connections), peak',
        value: `${fmt(peakMb)} MB`,
      },
      {
        label:
          'RSS when the calendar benchmark began (after any booking and sessions benchmarks) and when it ended',
        value: `${fmt(rss.before / MB)} MB, ${fmt(rss.after / MB)} MB`,
      },
    ],
    ratios: [
      {
        label: `server RSS peak / 300 MB${options.full ? '' : ' (the goal is for the full size; this run is smaller)'}`,
        value: peakMb / 300,
        ...(options.full ? { goal: '≤ 1×', met: peakMb <= 300 } : {}),
      },
    ],
    checks: [
      { label: 'RSS was sampled during the load', ok: rss.samples > 2, detail: `${rss.samples} samples` },
    ],
    notes: [
      'VmRSS of the server process from /proc, every 100 ms through the calendar benchmark (its floor rounds included, when this server is idle)',
      'the bench server runs the TypeScript sources through tsx (its loader is in the figure); the production start runs compiled JavaScript',
    ],
  };
}
