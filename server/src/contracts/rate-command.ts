import type { z } from 'zod';
import { DomainError, type FieldIssue } from '../shared/domain-error.js';
import { createZoneClock, parseVisitTime } from '../shared/time/zone-clock.js';
import { type RatingContext, rateVisit } from './rating.js';
import { rateInput } from './rating.schemas.js';
import type { RatedVisit, VisitInput } from './rating.types.js';

export const MAX_REPORTED_ERRORS = 100;

const TIME_REASON = 'must be a local date-time YYYY-MM-DDTHH:MM in timeZone, or an instant with an offset';

function problem(issues: FieldIssue[]): { exitCode: number; output: string } {
  const errors =
    issues.length > MAX_REPORTED_ERRORS
      ? [
          ...issues.slice(0, MAX_REPORTED_ERRORS),
          { field: 'visits', reason: `and ${issues.length - MAX_REPORTED_ERRORS} more problems` },
        ]
      : issues;
  const body = { type: 'invalid', title: 'The rating input is not valid', errors };
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

function dedupe(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.field}\u0000${i.reason}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * `rate`: reads the JSON input (see rating.schemas.ts), rates every visit and prints
 * `{ visits: [{ id, totalMinor, lines }] }`; any problem prints a problem JSON naming the fields, exit code 1.
 */
export function rateCommand(stdinText: string): { exitCode: number; output: string } {
  let data: unknown;
  try {
    data = JSON.parse(stdinText);
  } catch (error) {
    return problem([{ field: '', reason: `is not valid JSON: ${(error as Error).message}` }]);
  }
  const parsed = rateInput.safeParse(data, {
    error: (issue) =>
      issue.input === undefined && issue.code === 'invalid_type' ? 'is required' : undefined,
  });
  if (!parsed.success) return problem(fieldIssues(parsed.error));
  const input = parsed.data;
  const clock = createZoneClock(input.timeZone);
  const context: RatingContext = {
    clock,
    calendar: { publicHolidays: new Set(input.publicHolidays), specialDays: new Set(input.specialDays) },
    contracts: {
      contractType: input.contractType.optionSets,
      assignment: input.assignment.optionSets,
      carerContract: input.carerContract?.optionSets,
    },
  };

  const issues: FieldIssue[] = [];
  const rated: RatedVisit[] = [];
  const ids = new Set<string>();
  input.visits.forEach((raw, index) => {
    const at = `visits.${index}`;
    const before = issues.length;
    if (ids.has(raw.id)) issues.push({ field: `${at}.id`, reason: 'is used by an earlier visit' });
    ids.add(raw.id);
    const time = (name: 'plannedStart' | 'actualStart' | 'actualEnd') => {
      const text = raw[name];
      if (text === undefined) return undefined;
      const instant = clock.parseLocal(text) ?? parseVisitTime(text, input.timeZone);
      if (!instant) issues.push({ field: `${at}.${name}`, reason: TIME_REASON });
      return instant ?? undefined;
    };
    const plannedStart = time('plannedStart');
    const actualStart = time('actualStart');
    const actualEnd = time('actualEnd');
    if ((raw.actualStart === undefined) !== (raw.actualEnd === undefined))
      issues.push({
        field: `${at}.${raw.actualStart === undefined ? 'actualStart' : 'actualEnd'}`,
        reason: 'is required when the other actual time is given',
      });
    if (issues.length > before || !plannedStart) return;
    const visit: VisitInput = {
      id: raw.id,
      plannedStart,
      plannedMinutes: raw.plannedMinutes,
      actualStart,
      actualEnd,
      mileage: raw.mileage,
    };
    try {
      rated.push(rateVisit(context, visit, at));
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      issues.push(...error.issues);
    }
  });
  if (issues.length > 0) return problem(dedupe(issues));

  const output = {
    visits: rated.map((v) => ({
      id: v.id,
      totalMinor: v.totalMinor,
      lines: v.lines.map(({ source: _source, ...line }) => line),
    })),
  };
  return { exitCode: 0, output: JSON.stringify(output, null, 2) };
}
