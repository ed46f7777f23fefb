/** What every benchmark hands back: its figures, the ratio against its peer or floor, checks and notes. */

export type Figure = { label: string; value: string };

export type Ratio = {
  label: string;
  value: number;
  /** How the goal reads, e.g. '≥ 40×'; absent when the issue sets none. */
  goal?: string;
  met?: boolean;
};

export type Check = { label: string; ok: boolean; detail?: string };

export type BenchResult = {
  id: string;
  title: string;
  /** The data set the figures were measured on, e.g. 'quick (1,000 clients)'. */
  dataSet?: string;
  figures: Figure[];
  ratios: Ratio[];
  checks: Check[];
  notes: string[];
  /** Extra Markdown (tables of disagreements and the like) placed under the benchmark in RESULTS.md. */
  details?: string;
};

export const fmt = (n: number, digits = 0) =>
  n.toLocaleString('en-AU', { minimumFractionDigits: digits, maximumFractionDigits: digits });

export const ratioText = (r: number) => `${r >= 10 ? fmt(r, 1) : fmt(r, 2)}×`;

export function printResult(result: BenchResult): void {
  const lines = [`\n=== ${result.title}${result.dataSet ? ` — ${result.dataSet}` : ''}`];
  for (const f of result.figures) lines.push(`  ${f.label}: ${f.value}`);
  for (const r of result.ratios)
    lines.push(
      `  ratio ${r.label}: ${ratioText(r.value)}${r.goal ? ` (goal ${r.goal}: ${r.met ? 'met' : 'MISSED'})` : ''}`,
    );
  for (const c of result.checks)
    lines.push(`  check ${c.ok ? 'ok  ' : 'FAIL'} ${c.label}${c.detail ? ` — ${c.detail}` : ''}`);
  for (const n of result.notes) lines.push(`  note: ${n}`);
  console.log(lines.join('\n'));
}
