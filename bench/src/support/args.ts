/** Tiny argument parsing for the bench commands: `--name value` and `--flag`. */
export function argValue(args: readonly string[], name: string): string | undefined {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
}

export function argNumber(args: readonly string[], name: string, fallback: number): number {
  const raw = argValue(args, name);
  if (raw === undefined) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`--${name} must be a positive whole number`);
  return n;
}

export const hasFlag = (args: readonly string[], name: string) => args.includes(`--${name}`);
