import type { Contracts } from '../contracts/rating.types.js';
import type { StayView } from './accommodation.schemas.js';
import { nightsOf } from './bed-rules.js';
import type { StayRecord as StayRow, StayServiceRecord as StayServiceRow } from './stay.types.js';
import { priceService } from './stay-pricing.js';

/** Option schedules of the stays' contracts, by contract id. */
export type ContractSchedules = ReadonlyMap<string, Pick<Contracts, 'contractType' | 'assignment'>>;

/** The nights or days a service bills for: every night of the stay (a 24-hour day begins at check-in). */
export function serviceView(s: StayServiceRow, stay: StayRow, schedules: ContractSchedules) {
  const { problem, ...price } = priceService(s, schedules.get(stay.contractId ?? '') ?? null, stay);
  return { ...s, ...price, priceProblem: problem };
}

export function toStayView(
  s: StayRow,
  services: readonly StayServiceRow[],
  warnings: string[] = [],
  schedules: ContractSchedules = new Map(),
): StayView {
  const nights = nightsOf(s);
  return {
    id: s.id,
    bedId: s.bedId,
    kind: s.kind,
    clientId: s.clientId,
    clientName: s.clientName,
    contractId: s.contractId,
    state: s.state,
    arriveOn: s.arriveOn,
    leaveOn: s.leaveOn,
    plannedLeaveOn: s.plannedLeaveOn,
    nights,
    hold:
      s.state === 'on_hold' && s.holdExpiresAt && s.holdOutcome
        ? { expiresAt: s.holdExpiresAt.toString(), outcome: s.holdOutcome, revertsTo: s.holdRevertsTo }
        : null,
    reason: s.reason,
    cancelReason: s.cancelReason,
    eligibilityOverrideReason: s.eligibilityOverrideReason,
    checkedInAt: s.checkedInAt?.toString() ?? null,
    checkedOutAt: s.checkedOutAt?.toString() ?? null,
    notes: s.notes,
    services: services.filter((x) => x.stayId === s.id).map((x) => serviceView(x, s, schedules)),
    warnings,
  };
}
