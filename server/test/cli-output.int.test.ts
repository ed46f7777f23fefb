import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The JSON-on-stdin commands write large outputs whole through a pipe: they once exited before stdout drained,
 * cutting the output at the pipe's 64 KiB buffer and still exiting 0.
 */

const SERVER = join(import.meta.dirname, '..');

function cliThroughPipe(args: string[], input: string): Promise<{ code: number | null; stdout: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(join(SERVER, '../node_modules/.bin/tsx'), ['src/cli.ts', ...args], {
      cwd: SERVER,
      stdio: ['pipe', 'pipe', 'inherit'],
    });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout: Buffer.concat(chunks).toString('utf8') }));
    child.stdin.end(input);
  });
}

describe('CLI output through a pipe', () => {
  it('recurrence expand writes more than 1 MB whole', async () => {
    const { code, stdout } = await cliThroughPipe(
      ['recurrence', 'expand'],
      JSON.stringify({
        rule: 'DTSTART;TZID=Australia/Sydney:20260101T090000\nRRULE:FREQ=DAILY',
        limit: 40_000,
      }),
    );
    expect(code).toBe(0);
    expect(stdout.length).toBeGreaterThan(1_000_000);
    const body = JSON.parse(stdout);
    expect(body.occurrences).toHaveLength(40_000);
    expect(body.truncated).toBe(true);
  });

  it('rate writes more than 1 MB whole', async () => {
    const visits = Array.from({ length: 4000 }, (_, i) => ({
      id: `visit-${i}`,
      plannedStart: `2026-04-${String((i % 28) + 1).padStart(2, '0')}T09:00`,
      plannedMinutes: 50,
    }));
    const input = {
      timeZone: 'australia/sydney',
      contractType: {
        optionSets: [
          {
            effectiveFrom: '2026-01-01',
            options: {
              hourlyRate: 2400,
              unsociableRanges: [{ when: { kind: 'weekend' }, from: '00:00', to: '24:00', hourlyRate: 3600 }],
            },
          },
        ],
      },
      assignment: { optionSets: [] },
      visits,
    };
    const { code, stdout } = await cliThroughPipe(['rate'], JSON.stringify(input));
    expect(code).toBe(0);
    expect(stdout.length).toBeGreaterThan(1_000_000);
    expect(JSON.parse(stdout).visits).toHaveLength(4000);
  });
});
