import type {
  CarerContractOptions,
  ContractOptions,
  Contracts,
  Effective,
  OptionName,
  OptionSet,
  OptionSource,
  Schedule,
} from './rating.types.js';

/**
 * The value of an option that no option set in force gives. `hourlyRate` has none: rating time at the base
 * rule without one is an error.
 */
export const OPTION_DEFAULTS: { [K in OptionName]?: ContractOptions[K] } = {
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

export const OPTION_NAMES: OptionName[] = [
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

/**
 * The option set in force on a local date: the last one dated on or before it, or the first one for earlier
 * dates (the first set applies from the beginning of time). Schedules are in ascending date order.
 */
export function setInForce<O>(
  schedule: Schedule<O>,
  date: string,
): { set: OptionSet<O>; index: number } | undefined {
  for (let index = schedule.length - 1; index > 0; index--) {
    const set = schedule[index]!;
    if (set.effectiveFrom <= date) return { set, index };
  }
  const first = schedule[0];
  return first ? { set: first, index: 0 } : undefined;
}

/**
 * An option's effective value for the client's assignment on a date: the assignment's set in force if it
 * overrides the option, else the type's set in force (each type set stands alone: an option it leaves out is
 * the default, not the previous type set's value). Undefined only for an option without a default.
 */
export function effectiveOption<K extends OptionName>(
  contracts: Pick<Contracts, 'contractType' | 'assignment'>,
  name: K,
  date: string,
): Effective<ContractOptions[K]> | undefined {
  const assigned = setInForce(contracts.assignment, date);
  const own = assigned?.set.options[name];
  if (assigned && own !== undefined)
    return {
      value: own as ContractOptions[K],
      source: {
        from: 'assignment',
        setIndex: assigned.index,
        effectiveFrom: assigned.set.effectiveFrom,
        inheritance: 'overridden',
      },
    };
  const typed = setInForce(contracts.contractType, date);
  const inherited = typed?.set.options[name];
  if (typed && inherited !== undefined)
    return {
      value: inherited as ContractOptions[K],
      source: {
        from: 'type',
        setIndex: typed.index,
        effectiveFrom: typed.set.effectiveFrom,
        inheritance: 'inherited',
      },
    };
  const fallback = OPTION_DEFAULTS[name];
  return fallback === undefined
    ? undefined
    : { value: fallback as ContractOptions[K], source: { from: 'default', inheritance: 'inherited' } };
}

export type EffectiveOptions = { [K in Exclude<OptionName, 'hourlyRate'>]: Effective<ContractOptions[K]> } & {
  hourlyRate: Effective<number> | undefined;
};

/** Every option's effective value and provenance on a date. */
export function effectiveOptions(
  contracts: Pick<Contracts, 'contractType' | 'assignment'>,
  date: string,
): EffectiveOptions {
  const entries = OPTION_NAMES.map((name) => [name, effectiveOption(contracts, name, date)]);
  return Object.fromEntries(entries) as EffectiveOptions;
}

/** A carer contract option (e.g. mileageRate) in force on a date; undefined when the set leaves it out. */
export function carerOption<K extends keyof CarerContractOptions>(
  schedule: Schedule<CarerContractOptions>,
  name: K,
  date: string,
): Effective<CarerContractOptions[K]> | undefined {
  const found = setInForce(schedule, date);
  const value = found?.set.options[name];
  if (!found || value === undefined) return undefined;
  return {
    value: value as CarerContractOptions[K],
    source: { from: 'carerContract', setIndex: found.index, effectiveFrom: found.set.effectiveFrom },
  };
}

/**
 * 'client contract option set 1 (from 2026-03-01), overridden', 'contract type option set 2 (from …),
 * inherited': sets are numbered from 1 in their schedule's date order, as the contract screens show them.
 */
export function describeSource(source: OptionSource): string {
  switch (source.from) {
    case 'assignment':
      return `client contract option set ${source.setIndex + 1} (from ${source.effectiveFrom}), overridden`;
    case 'type':
      return `contract type option set ${source.setIndex + 1} (from ${source.effectiveFrom}), inherited`;
    case 'default':
      return 'default, inherited';
    case 'carerContract':
      return `carer contract option set ${source.setIndex + 1} (from ${source.effectiveFrom})`;
  }
}
