import { epochDayOf } from '../shared/time/civil-date.js';
import { effectiveOption, OPTION_NAMES } from './option-sets.js';
import type { ContractOptions, Contracts, OptionName, OptionSource } from './rating.types.js';

/**
 * The effective options of a contract assignment over a range of dates, as segments [from, to) per option:
 * the type's and the assignment's option sets are dated independently, so an option's value changes at the
 * union of both schedules' dates (and only where its value or provenance really changes).
 */

export type TimelineSource = 'type' | 'assignment' | 'default';

export type TimelineSegment = {
  from: string;
  /** Exclusive. */
  to: string;
  /** null for an option without a value (only hourlyRate has no default). */
  value: unknown;
  source: TimelineSource;
  setIndex: number | null;
  effectiveFrom: string | null;
  inheritance: 'inherited' | 'overridden';
};

export type TimelineBoundary = { date: string; schedule: 'type' | 'assignment'; setIndex: number };

export type OptionTimeline = {
  from: string;
  to: string;
  boundaries: TimelineBoundary[];
  options: Record<OptionName, TimelineSegment[]>;
};

/** Dates where an option set (other than a schedule's first, which applies from the start) takes over. */
function boundariesWithin(
  contracts: Pick<Contracts, 'contractType' | 'assignment'>,
  from: string,
  to: string,
): TimelineBoundary[] {
  const found: TimelineBoundary[] = [];
  const add = (schedule: 'type' | 'assignment', sets: { effectiveFrom: string }[]) =>
    sets.forEach((set, setIndex) => {
      if (setIndex > 0 && set.effectiveFrom > from && set.effectiveFrom < to)
        found.push({ date: set.effectiveFrom, schedule, setIndex });
    });
  add('type', contracts.contractType);
  add('assignment', contracts.assignment);
  return found.sort((a, b) =>
    a.date === b.date ? a.schedule.localeCompare(b.schedule) : a.date < b.date ? -1 : 1,
  );
}

function segmentOf(
  value: ContractOptions[OptionName] | undefined,
  source: OptionSource | undefined,
  from: string,
  to: string,
): TimelineSegment {
  if (!source || source.from === 'carerContract')
    return {
      from,
      to,
      value: value ?? null,
      source: 'default',
      setIndex: null,
      effectiveFrom: null,
      inheritance: 'inherited',
    };
  return {
    from,
    to,
    value: value ?? null,
    source: source.from,
    setIndex: source.from === 'default' ? null : source.setIndex,
    effectiveFrom: source.from === 'default' ? null : source.effectiveFrom,
    inheritance: source.inheritance,
  };
}

const sameSegment = (a: TimelineSegment, b: TimelineSegment) =>
  a.source === b.source &&
  a.setIndex === b.setIndex &&
  a.effectiveFrom === b.effectiveFrom &&
  JSON.stringify(a.value) === JSON.stringify(b.value);

/** `from` inclusive, `to` exclusive; both 'YYYY-MM-DD' with from < to. */
export function optionTimeline(
  contracts: Pick<Contracts, 'contractType' | 'assignment'>,
  from: string,
  to: string,
): OptionTimeline {
  if (Number.isNaN(epochDayOf(from)) || Number.isNaN(epochDayOf(to)) || from >= to)
    throw new RangeError(`optionTimeline needs dates with from < to, got ${from} and ${to}`);
  const boundaries = boundariesWithin(contracts, from, to);
  const starts = [from, ...new Set(boundaries.map((b) => b.date))];
  const options = {} as Record<OptionName, TimelineSegment[]>;
  for (const name of OPTION_NAMES) {
    const segments: TimelineSegment[] = [];
    starts.forEach((start, i) => {
      const end = starts[i + 1] ?? to;
      const effective = effectiveOption(contracts, name, start);
      const segment = segmentOf(effective?.value, effective?.source, start, end);
      const previous = segments.at(-1);
      if (previous && sameSegment(previous, segment)) previous.to = end;
      else segments.push(segment);
    });
    options[name] = segments;
  }
  return { from, to, boundaries, options };
}
