import type { z } from 'zod';
import type { FieldIssue } from '../shared/domain-error.js';
import { cancellationCheckInput } from './cancellation-check.schemas.js';
import { type CancellationRule, judgeCancellation } from './cancellation-rules.js';

function problem(errors: FieldIssue[]): { exitCode: number; output: string } {
  const body = { type: 'invalid', title: 'The cancellation input is not valid', errors };
  return { exitCode: 1, output: JSON.stringify(body, null, 2) };
}

function fieldIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.flatMap((issue) => {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys')
      return issue.keys.map((key) => ({ field: [...path, key].join('.'), reason: 'is not a known field' }));
    return [{ field: path.join('.'), reason: issue.message }];
  });
}

/**
 * `ndis cancellation`: reads `{ supportStart, notifiedAt, timeZone, rule, publicHolidays?, noShow? }` and prints
 * `{ shortNotice, clearDaysGiven, deadline, explanation }`; a problem JSON naming the fields and exit code 1 for
 * bad input. Pure: no database, no clock.
 */
export function cancellationCommand(stdinText: string): { exitCode: number; output: string } {
  let data: unknown;
  try {
    data = JSON.parse(stdinText);
  } catch (error) {
    return problem([{ field: '', reason: `is not valid JSON: ${(error as Error).message}` }]);
  }
  const parsed = cancellationCheckInput.safeParse(data, {
    error: (issue) =>
      issue.input === undefined && issue.code === 'invalid_type' ? 'is required' : undefined,
  });
  if (!parsed.success) return problem(fieldIssues(parsed.error));
  const input = parsed.data;
  const r = input.rule;
  const rule: CancellationRule =
    r.kind === 'clearBusinessDays'
      ? { kind: r.kind, days: r.days, afterHours: r.afterHours }
      : { kind: r.kind, days: r.days, reading: r.reading ?? 'calendar', afterHours: r.afterHours };
  const d = judgeCancellation({
    supportStart: input.supportStart,
    notifiedAt: input.notifiedAt ?? null,
    timeZone: input.timeZone,
    rule,
    publicHolidays: input.publicHolidays.map((date) => ({ date })),
    noShow: input.noShow,
    claimPercent: r.claimPercent,
  });
  const output = {
    shortNotice: d.shortNotice,
    clearDaysGiven: d.clearDaysGiven,
    deadline: d.deadline,
    explanation: d.explanation,
  };
  return { exitCode: 0, output: JSON.stringify(output, null, 2) };
}
