import { distanceCharge, toHundredths } from '../contracts/money.js';
import { carerOption, describeSource, effectiveOption, setInForce } from '../contracts/option-sets.js';
import { rateVisit } from '../contracts/rating.js';
import type {
  CarerContractOptions,
  ContractOptions,
  Contracts,
  OptionSource,
  RatedLine,
  RatedVisit,
  RatingCalendar,
  Schedule,
  VisitInput,
} from '../contracts/rating.types.js';
import { DomainError } from '../shared/domain-error.js';
import { epochMinuteOf } from '../shared/time/civil-date.js';
import type { ZoneClock } from '../shared/time/zone-clock.js';

/**
 * Carer pay for one visit: the same engine as client charges (hours, unsociable ranges, non-pro-rata rates,
 * rounding, actual times), driven by the carer contract's option sets, plus mileage paid at the contract's
 * mileage rate when it enables travel payments. The visit's date and ranges are read in the client's zone and
 * region calendar, where the visit happens.
 */
export function rateCarerVisit(
  clock: ZoneClock,
  calendar: RatingCalendar,
  schedule: Schedule<CarerContractOptions>,
  visit: VisitInput,
): RatedVisit {
  const contracts = asContracts(schedule);
  const timed = rateVisit({ clock, calendar, contracts }, { ...visit, mileage: undefined }, 'visit');
  const lines = timed.lines.map(relabel);
  // Option sets are chosen by the planned start's local date, as in the engine.
  const date = clock.localDateOf(epochMinuteOf(visit.plannedStart));
  const mileage = mileageLine(schedule, contracts, visit, date);
  if (mileage) lines.push(mileage);
  return { id: visit.id, totalMinor: lines.reduce((sum, line) => sum + line.amountMinor, 0), lines };
}

/** The engine reads a carer schedule as a stand-alone "type" schedule with nothing assigned on top. */
function asContracts(schedule: Schedule<CarerContractOptions>): Contracts {
  return { contractType: schedule as Schedule<ContractOptions>, assignment: [] };
}

/** The engine names a "contract type" set; here that set is the carer contract's. */
function relabel(line: RatedLine): RatedLine {
  const option = line.source?.option;
  if (!line.source || !option || option.source.from !== 'type') return line;
  const carerSource: OptionSource = {
    from: 'carerContract',
    setIndex: option.source.setIndex,
    effectiveFrom: option.source.effectiveFrom,
  };
  return {
    ...line,
    explanation: line.explanation.replaceAll(describeSource(option.source), describeSource(carerSource)),
    source: { ...line.source, option: { ...option, source: carerSource } },
  };
}

function mileageLine(
  schedule: Schedule<CarerContractOptions>,
  contracts: Contracts,
  visit: VisitInput,
  date: string,
): RatedLine | undefined {
  if (visit.mileage === undefined || visit.mileage === 0) return undefined;
  const hundredths = toHundredths(visit.mileage);
  if (hundredths === null)
    throw new DomainError('invalid', 'The visit cannot be rated', [
      { field: 'visit.mileage', reason: 'must have at most two decimals' },
    ]);
  const travel = effectiveOption(contracts, 'enableTravelPayments', date);
  if (!travel?.value) return undefined;
  const rate = carerOption(schedule, 'mileageRate', date);
  if (!rate)
    throw new DomainError('invalid', 'The visit cannot be rated', [
      {
        field: `carerContract.optionSets.${setInForce(schedule, date)?.index ?? 0}.options.mileageRate`,
        reason: `is required: travel payments are enabled on ${date} but no mileage rate is set`,
      },
    ]);
  const amount = distanceCharge(hundredths, rate.value);
  return {
    kind: 'mileage',
    rateMinor: rate.value,
    amountMinor: amount,
    explanation: `Mileage ${hundredths / 100} × ${rate.value} = ${amount} (mileageRate: ${describeSource(rate.source)}; travel payments enabled)`,
    source: { date, option: { name: 'mileageRate', source: rate.source } },
  };
}
