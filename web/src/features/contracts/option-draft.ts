import type { FormErrors } from '@mantine/form';
import { formatMoney, minorToInput, moneyError, parseMoney } from '../../shared/money';
import type {
  CarerOptions,
  DayKind,
  DayOfWeek,
  NdisTimeBand,
  NonProRataRate,
  OptionName,
  OptionSet,
  RoundingMode,
  UnsociableRange,
} from './contracts-api';

/**
 * Form drafts of option sets. A draft mirrors the wire shape (`optionSets.N.options.<option>…`) so a 422's
 * `errors[].field` is already the path of the input that shows it.
 */

export type EditorMode = 'type' | 'assignment' | 'carer';

export type RateDraft = { key: string; minutes: number | string; amount: string };
export type RangeDraft = {
  key: string;
  when: { kind: DayKind; day: DayOfWeek | null };
  from: string;
  to: string;
  hourlyRate: string;
  nonProRataRates: RateDraft[];
};
export type ChargeDraft = { key: string; name: string; amount: string };
export type StayRateDraft = {
  key: string;
  name: string;
  unit: 'night' | 'day';
  rate: string;
  supportItem: string;
};

export type OptionsDraft = {
  hourlyRate: string;
  nonProRataRates: RateDraft[];
  unsociableRanges: RangeDraft[];
  useFirstRange: boolean;
  callOutCharges: ChargeDraft[];
  billOnActualTimes: boolean;
  rounding: { mode: RoundingMode; minutes: string };
  chargeMileageToClient: boolean;
  enableTravelPayments: boolean;
  useLocalAuthorityReference: boolean;
  terminationRights: string;
  /** NDIS support item number per time band ('' for none). */
  ndisSupportItems: Record<NdisBand, string>;
  accommodationRates: StayRateDraft[];
  mileageRate: string;
};

export type NdisBand = NdisTimeBand;

export const NDIS_BANDS: { band: NdisBand; label: string }[] = [
  { band: 'weekday_daytime', label: 'Weekday daytime' },
  { band: 'weekday_evening', label: 'Weekday evening' },
  { band: 'weekday_night', label: 'Weekday night' },
  { band: 'saturday', label: 'Saturday' },
  { band: 'sunday', label: 'Sunday' },
  { band: 'public_holiday', label: 'Public holiday' },
];

export type SetDraft = {
  key: string;
  effectiveFrom: string;
  options: OptionsDraft;
  /** Assignments only: which options this set overrides; the others are inherited from the type. */
  overridden: Partial<Record<OptionName, boolean>>;
};

export const CONTRACT_OPTIONS: OptionName[] = [
  'hourlyRate',
  'nonProRataRates',
  'unsociableRanges',
  'useFirstRange',
  'callOutCharges',
  'billOnActualTimes',
  'rounding',
  'chargeMileageToClient',
  'enableTravelPayments',
  'useLocalAuthorityReference',
  'terminationRights',
  'ndisSupportItems',
  'accommodationRates',
];

export const OPTION_LABELS: Record<OptionName, string> = {
  hourlyRate: 'Hourly rate',
  nonProRataRates: 'Non-pro-rata rates',
  unsociableRanges: 'Unsociable ranges',
  useFirstRange: 'Use first matching range',
  callOutCharges: 'Call-out charges',
  billOnActualTimes: 'Bill on actual times',
  rounding: 'Rounding of actual times',
  chargeMileageToClient: 'Charge mileage to client',
  enableTravelPayments: 'Travel payments',
  useLocalAuthorityReference: 'Local authority reference',
  terminationRights: 'Termination rights',
  ndisSupportItems: 'NDIS support items',
  accommodationRates: 'Nightly and daily rates (stays)',
  mileageRate: 'Mileage rate',
};

/** The engine's values for an option no set in force gives (server/src/contracts/option-sets.ts). */
export const OPTION_DEFAULTS: Partial<CarerOptions> = {
  nonProRataRates: [],
  unsociableRanges: [],
  useFirstRange: true,
  callOutCharges: [],
  billOnActualTimes: false,
  rounding: { mode: 'none', minutes: 5 },
  chargeMileageToClient: false,
  enableTravelPayments: true,
  useLocalAuthorityReference: false,
  terminationRights: '',
  ndisSupportItems: {},
  accommodationRates: [],
};

export const DAY_KIND_LABELS: Record<DayKind, string> = {
  specialDay: 'Special day',
  publicHoliday: 'Public holiday',
  dayOfWeek: 'Day of the week',
  weekday: 'Weekdays (Mon–Fri)',
  weekend: 'Weekends (Sat–Sun)',
};

export const DAY_LABELS: Record<DayOfWeek, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};

export const ROUNDING_LABELS: Record<RoundingMode, string> = {
  none: 'No rounding',
  up: 'Round up',
  down: 'Round down',
  nearest: 'Round to nearest',
};

let counter = 0;
export const newKey = (prefix = 'k') => `${prefix}${++counter}`;

export const newRate = (): RateDraft => ({ key: newKey('r'), minutes: '', amount: '' });
export const newCharge = (): ChargeDraft => ({ key: newKey('c'), name: '', amount: '' });
export const newStayRate = (): StayRateDraft => ({
  key: newKey('a'),
  name: '',
  unit: 'night',
  rate: '',
  supportItem: '',
});
export const newRange = (): RangeDraft => ({
  key: newKey('u'),
  when: { kind: 'weekend', day: null },
  from: '00:00',
  to: '24:00',
  hourlyRate: '',
  nonProRataRates: [],
});

const ratesToDraft = (rates: NonProRataRate[] | undefined): RateDraft[] =>
  (rates ?? []).map((r) => ({ key: newKey('r'), minutes: r.minutes, amount: minorToInput(r.amount) }));

const rangeToDraft = (range: UnsociableRange): RangeDraft => ({
  key: newKey('u'),
  when: { kind: range.when.kind, day: range.when.day ?? null },
  from: range.from,
  to: range.to,
  hourlyRate: minorToInput(range.hourlyRate),
  nonProRataRates: ratesToDraft(range.nonProRataRates),
});

/** Every option of a draft from the wire options, unset ones at their defaults (or blank for rates). */
export function optionsToDraft(options: Partial<CarerOptions>): OptionsDraft {
  const value = <K extends OptionName>(name: K) =>
    (options[name] ?? OPTION_DEFAULTS[name]) as CarerOptions[K] | undefined;
  const rounding = value('rounding') ?? { mode: 'none', minutes: 5 };
  return {
    hourlyRate: minorToInput(options.hourlyRate),
    nonProRataRates: ratesToDraft(value('nonProRataRates')),
    unsociableRanges: (value('unsociableRanges') ?? []).map(rangeToDraft),
    useFirstRange: value('useFirstRange') ?? true,
    callOutCharges: (value('callOutCharges') ?? []).map((c) => ({
      key: newKey('c'),
      name: c.name,
      amount: minorToInput(c.amount),
    })),
    billOnActualTimes: value('billOnActualTimes') ?? false,
    rounding: { mode: rounding.mode, minutes: String(rounding.minutes) },
    chargeMileageToClient: value('chargeMileageToClient') ?? false,
    enableTravelPayments: value('enableTravelPayments') ?? true,
    useLocalAuthorityReference: value('useLocalAuthorityReference') ?? false,
    terminationRights: value('terminationRights') ?? '',
    ndisSupportItems: Object.fromEntries(
      NDIS_BANDS.map(({ band }) => [band, value('ndisSupportItems')?.[band] ?? '']),
    ) as Record<NdisBand, string>,
    accommodationRates: (value('accommodationRates') ?? []).map((r) => ({
      key: newKey('a'),
      name: r.name,
      unit: r.unit,
      rate: minorToInput(r.rate),
      supportItem: r.supportItem ?? '',
    })),
    mileageRate: minorToInput(options.mileageRate),
  };
}

export function setToDraft(set: OptionSet, mode: EditorMode): SetDraft {
  const overridden: SetDraft['overridden'] = {};
  if (mode === 'assignment')
    for (const name of CONTRACT_OPTIONS) overridden[name] = set.options[name] !== undefined;
  return {
    key: newKey('s'),
    effectiveFrom: set.effectiveFrom,
    options: optionsToDraft(set.options),
    overridden,
  };
}

export function newSetDraft(effectiveFrom: string, copyOf: SetDraft | undefined, mode: EditorMode): SetDraft {
  if (copyOf) {
    const copy = structuredClone(copyOf);
    return { ...copy, key: newKey('s'), effectiveFrom };
  }
  return setToDraft({ effectiveFrom, options: {} }, mode);
}

const moneyOf = (text: string) => parseMoney(text) ?? 0;

const ratesToInput = (rates: RateDraft[]): NonProRataRate[] =>
  rates.map((r) => ({ minutes: Number(r.minutes), amount: moneyOf(r.amount) }));

function optionToInput(
  name: OptionName,
  o: OptionsDraft,
  mode: EditorMode,
): CarerOptions[OptionName] | undefined {
  switch (name) {
    case 'hourlyRate':
      return o.hourlyRate.trim() === '' ? undefined : moneyOf(o.hourlyRate);
    case 'mileageRate':
      return o.mileageRate.trim() === '' ? undefined : moneyOf(o.mileageRate);
    case 'nonProRataRates':
      return ratesToInput(o.nonProRataRates);
    case 'unsociableRanges':
      return o.unsociableRanges.map((r) => ({
        when:
          r.when.kind === 'dayOfWeek'
            ? { kind: r.when.kind, day: r.when.day ?? 'mon' }
            : { kind: r.when.kind },
        from: r.from.trim(),
        to: r.to.trim(),
        hourlyRate: moneyOf(r.hourlyRate),
        ...(r.nonProRataRates.length > 0 ? { nonProRataRates: ratesToInput(r.nonProRataRates) } : {}),
      }));
    case 'callOutCharges':
      return o.callOutCharges.map((c) => ({ name: c.name.trim(), amount: moneyOf(c.amount) }));
    case 'rounding':
      return { mode: o.rounding.mode, minutes: Number(o.rounding.minutes) as 5 };
    case 'terminationRights':
      return o.terminationRights;
    case 'ndisSupportItems': {
      // None named is left out (the default: no items), so a non-NDIS contract's options stay as they were.
      const named = NDIS_BANDS.map(({ band }) => [band, o.ndisSupportItems[band].trim()] as const).filter(
        ([, n]) => n !== '',
      );
      return named.length === 0 && mode !== 'assignment' ? undefined : Object.fromEntries(named);
    }
    case 'accommodationRates':
      return o.accommodationRates.map((r) => ({
        name: r.name.trim(),
        unit: r.unit,
        rate: moneyOf(r.rate),
        ...(r.supportItem.trim() ? { supportItem: r.supportItem.trim() } : {}),
      }));
    default:
      return o[name];
  }
}

/**
 * The wire option sets. Types and carer contracts write every option (a type set stands alone: what it leaves
 * out is the default, not the previous set's value); assignments write only what they override.
 */
export function setsToInput(sets: SetDraft[], mode: EditorMode): OptionSet[] {
  const names: OptionName[] = mode === 'carer' ? [...CONTRACT_OPTIONS, 'mileageRate'] : CONTRACT_OPTIONS;
  return sets.map((set) => {
    const options: Record<string, unknown> = {};
    for (const name of names) {
      if (mode === 'assignment' && !set.overridden[name]) continue;
      const value = optionToInput(name, set.options, mode);
      if (value !== undefined) options[name] = value;
    }
    return { effectiveFrom: set.effectiveFrom, options: options as Partial<CarerOptions> };
  });
}

const TIME = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

/** Checks only what the browser must (amounts it can't convert, times); the server validates the rest. */
export function validateSets(sets: SetDraft[], mode: EditorMode): FormErrors {
  const errors: FormErrors = {};
  const money = (path: string, text: string, required: boolean) => {
    if (text.trim() === '') {
      if (required) errors[path] = 'Enter an amount';
    } else if (parseMoney(text) === null) errors[path] = moneyError();
  };
  const rates = (path: string, list: RateDraft[]) =>
    list.forEach((rate, i) => {
      const minutes = Number(rate.minutes);
      if (rate.minutes === '' || !Number.isInteger(minutes) || minutes < 1)
        errors[`${path}.${i}.minutes`] = 'Enter whole minutes, at least 1';
      money(`${path}.${i}.amount`, rate.amount, true);
    });
  sets.forEach((set, i) => {
    const base = `optionSets.${i}`;
    if (!/^\d{4}-\d{2}-\d{2}$/.test(set.effectiveFrom)) errors[`${base}.effectiveFrom`] = 'Pick a date';
    else if (i > 0 && set.effectiveFrom <= (sets[i - 1]?.effectiveFrom ?? ''))
      errors[`${base}.effectiveFrom`] = 'Must be after the previous option set';
    const on = (name: OptionName) => mode !== 'assignment' || set.overridden[name] === true;
    const o = set.options;
    const p = `${base}.options`;
    if (on('hourlyRate')) money(`${p}.hourlyRate`, o.hourlyRate, mode === 'assignment');
    if (mode === 'carer') money(`${p}.mileageRate`, o.mileageRate, false);
    if (on('nonProRataRates')) rates(`${p}.nonProRataRates`, o.nonProRataRates);
    if (on('unsociableRanges'))
      o.unsociableRanges.forEach((range, r) => {
        const rp = `${p}.unsociableRanges.${r}`;
        if (range.when.kind === 'dayOfWeek' && !range.when.day) errors[`${rp}.when.day`] = 'Choose a day';
        if (!TIME.test(range.from) || range.from === '24:00') errors[`${rp}.from`] = 'Enter a time HH:MM';
        if (!TIME.test(range.to)) errors[`${rp}.to`] = 'Enter a time HH:MM (24:00 for midnight)';
        else if (range.to === range.from)
          errors[`${rp}.to`] = 'Must differ from the start (00:00–24:00 is the whole day)';
        money(`${rp}.hourlyRate`, range.hourlyRate, true);
        rates(`${rp}.nonProRataRates`, range.nonProRataRates);
      });
    if (on('callOutCharges'))
      o.callOutCharges.forEach((charge, c) => {
        if (!charge.name.trim()) errors[`${p}.callOutCharges.${c}.name`] = 'Enter a name';
        money(`${p}.callOutCharges.${c}.amount`, charge.amount, true);
      });
    if (on('accommodationRates'))
      o.accommodationRates.forEach((r, c) => {
        if (!r.name.trim()) errors[`${p}.accommodationRates.${c}.name`] = 'Enter a name';
        money(`${p}.accommodationRates.${c}.rate`, r.rate, true);
      });
  });
  return errors;
}

/** Every path an input of these sets is bound to, so server errors can be placed on them. */
export function setFieldPaths(sets: SetDraft[]): string[] {
  const paths: string[] = [];
  const rates = (path: string, list: RateDraft[]) => {
    list.forEach((_, i) => {
      paths.push(`${path}.${i}.minutes`, `${path}.${i}.amount`);
    });
  };
  sets.forEach((set, i) => {
    const p = `optionSets.${i}.options`;
    paths.push(`optionSets.${i}.effectiveFrom`);
    for (const name of [...CONTRACT_OPTIONS, 'mileageRate'] as const) paths.push(`${p}.${name}`);
    paths.push(`${p}.rounding.mode`, `${p}.rounding.minutes`);
    rates(`${p}.nonProRataRates`, set.options.nonProRataRates);
    set.options.unsociableRanges.forEach((range, r) => {
      const rp = `${p}.unsociableRanges.${r}`;
      paths.push(`${rp}.when.kind`, `${rp}.when.day`, `${rp}.from`, `${rp}.to`, `${rp}.hourlyRate`);
      rates(`${rp}.nonProRataRates`, range.nonProRataRates);
    });
    set.options.callOutCharges.forEach((_, c) => {
      paths.push(`${p}.callOutCharges.${c}.name`, `${p}.callOutCharges.${c}.amount`);
    });
    set.options.accommodationRates.forEach((_, c) => {
      const ap = `${p}.accommodationRates.${c}`;
      paths.push(`${ap}.name`, `${ap}.unit`, `${ap}.rate`, `${ap}.supportItem`);
    });
    for (const { band } of NDIS_BANDS) paths.push(`${p}.ndisSupportItems.${band}`);
  });
  return paths;
}

/** The index of the first option set with an error, to show it. */
export function firstSetWithError(errors: FormErrors): number | null {
  const indexes = Object.keys(errors)
    .map((path) => /^optionSets\.(\d+)\./.exec(path)?.[1])
    .filter((i): i is string => i !== undefined)
    .map(Number);
  return indexes.length > 0 ? Math.min(...indexes) : null;
}

export const setHasError = (errors: FormErrors, index: number) =>
  Object.keys(errors).some((path) => path.startsWith(`optionSets.${index}.`));

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function describeRange(range: UnsociableRange): string {
  const when =
    range.when.kind === 'dayOfWeek' && range.when.day
      ? DAY_LABELS[range.when.day]
      : DAY_KIND_LABELS[range.when.kind];
  return `${when} ${range.from}–${range.to} at ${formatMoney(range.hourlyRate)}/h`;
}

/** An option's value as a short phrase a coordinator reads, e.g. '$24.00/h', '30 min for $16.00'. */
export function describeOption(name: OptionName, value: unknown): string {
  if (value === null || value === undefined) return name === 'hourlyRate' ? 'Not set' : '—';
  switch (name) {
    case 'hourlyRate':
      return `${formatMoney(value as number)}/h`;
    case 'mileageRate':
      return `${formatMoney(value as number)} per unit of distance`;
    case 'nonProRataRates': {
      const rates = value as NonProRataRate[];
      return rates.length === 0
        ? 'None'
        : rates.map((r) => `${r.minutes} min for ${formatMoney(r.amount)}`).join(', ');
    }
    case 'unsociableRanges': {
      const ranges = value as UnsociableRange[];
      return ranges.length === 0 ? 'None' : ranges.map(describeRange).join('; ');
    }
    case 'callOutCharges': {
      const charges = value as { name: string; amount: number }[];
      return charges.length === 0
        ? 'None'
        : charges.map((c) => `${c.name} ${formatMoney(c.amount)}`).join(', ');
    }
    case 'accommodationRates': {
      const rates = value as { name: string; unit: string; rate: number }[];
      return rates.length === 0
        ? 'None'
        : rates
            .map((r) => `${r.name} ${formatMoney(r.rate)}/${r.unit === 'day' ? '24-hour day' : 'night'}`)
            .join(', ');
    }
    case 'rounding': {
      const rounding = value as { mode: RoundingMode; minutes: number };
      return rounding.mode === 'none'
        ? 'No rounding'
        : `${ROUNDING_LABELS[rounding.mode]} to ${rounding.minutes} min`;
    }
    case 'terminationRights': {
      const text = String(value).trim();
      return text === '' ? 'None stated' : text.length > 80 ? `${text.slice(0, 79)}…` : text;
    }
    case 'enableTravelPayments':
      return value ? 'Enabled' : 'Disabled';
    case 'ndisSupportItems': {
      const items = value as Partial<Record<NdisBand, string>>;
      const named = NDIS_BANDS.filter(({ band }) => items[band]);
      return named.length === 0
        ? 'None'
        : named.map(({ band, label }) => `${label} ${items[band]}`).join(', ');
    }
    default:
      return value ? 'Yes' : 'No';
  }
}

export const summariseCount = (n: number, what: string) => plural(n, what);

/** The set of a schedule in force on a date: the last dated on or before it, else the first. */
export function setInForce<T extends { effectiveFrom: string }>(
  sets: T[],
  date: string,
): { set: T; index: number } | null {
  for (let index = sets.length - 1; index > 0; index--) {
    const set = sets[index];
    if (set && set.effectiveFrom <= date) return { set, index };
  }
  const first = sets[0];
  return first ? { set: first, index: 0 } : null;
}
