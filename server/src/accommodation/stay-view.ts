import type { StayView } from './accommodation.schemas.js';
import { nightsOf } from './bed-rules.js';
import type { StayRecord as StayRow, StayServiceRecord as StayServiceRow } from './stay.types.js';

/** The nights or days a service bills for: every night of the stay (a 24-hour day begins at check-in). */
export function serviceView(s: StayServiceRow, nights: number) {
  return { ...s, units: nights, amountMinor: (s.rateMinor ?? 0) * nights };
}

export function toStayView(
  s: StayRow,
  services: readonly StayServiceRow[],
  warnings: string[] = [],
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
    services: services.filter((x) => x.stayId === s.id).map((x) => serviceView(x, nights)),
    warnings,
  };
}
