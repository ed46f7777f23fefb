import type { BookingView } from '../bookings/booking.schemas.js';
import type { NdisCancellationDecision, SessionParts } from '../bookings/session.types.js';
import type { SessionView } from './session.schemas.js';

/** Whole hours from `notifiedAt` to the session's start (negative: the provider was told after it began). */
export function noticeHours(
  notifiedAt: { epochNanoseconds: bigint },
  startsAt: { epochNanoseconds: bigint },
) {
  const diff = startsAt.epochNanoseconds - notifiedAt.epochNanoseconds;
  return Number(diff / 3_600_000_000_000n);
}

/** A session as the API shows it: the booking's view with its session parts (as `loadSessionParts` reads them). */
export function toSessionView(
  b: BookingView,
  parts: SessionParts,
  startsAt: { epochNanoseconds: bigint },
): SessionView {
  const extra = new Map(parts.participants.map((p) => [p.id, p]));
  const completion = parts.completions.find((c) => c.bookingId === b.id);
  const taken = b.participants.filter(
    (p) => p.type === 'client' && (p.status === 'booked' || p.status === 'attended'),
  ).length;
  return {
    id: b.id,
    category: b.category,
    capacity: b.capacity,
    placesTaken: taken,
    name: b.name,
    status: b.status,
    cancellationReason: b.cancellationReason,
    startsAt: b.startsAt,
    endsAt: b.endsAt,
    timeZone: b.timeZone,
    bookingDate: b.bookingDate,
    startTime: b.startTime,
    durationMinutes: b.durationMinutes,
    seriesId: b.seriesId,
    isException: b.isException,
    notes: b.notes,
    clients: b.participants
      .filter((p) => p.type === 'client')
      .map((p) => {
        const x = extra.get(p.id);
        const c = x?.cancellation ?? null;
        return {
          participantId: p.id,
          clientId: p.subjectId,
          name: p.name,
          lead: p.lead,
          status: p.status,
          contractId: x?.contractId ?? null,
          cancellation: c && {
            cancelledBy: c.cancelledBy,
            cancelledByName: c.cancelledByName,
            notifiedAt: c.notifiedAt.toString(),
            reasonCode: c.reasonCode,
            note: c.note,
            recordedAt: c.recordedAt.toString(),
            noticeHours: noticeHours(c.notifiedAt, startsAt),
            ndis: c.ndis ? ndisDecisionView(c.ndis) : null,
          },
        };
      }),
    workers: b.participants
      .filter((p) => p.type === 'staff' || p.type === 'provider')
      .map((p) => {
        const x = extra.get(p.id);
        return {
          participantId: p.id,
          type: p.type as 'staff' | 'provider',
          subjectId: p.subjectId,
          name: p.name,
          role: p.role,
          lead: p.lead,
          status: p.status,
          actualStart: x?.actualStart?.toString() ?? null,
          actualEnd: x?.actualEnd?.toString() ?? null,
        };
      }),
    resources: b.participants
      .filter((p) => p.type === 'resource')
      .map((p) => ({
        participantId: p.id,
        resourceId: p.subjectId,
        name: p.name,
        role: p.role,
        status: p.status,
      })),
    services: parts.services.map((s) => ({
      id: s.id,
      source: s.source,
      contractId: s.contractId,
      name: s.name,
      supportItem: s.supportItem,
      ratio: s.ratio,
      hourlyRateMinor: s.hourlyRateMinor,
      primary: s.primary,
    })),
    serviceTypes: parts.serviceTypes.map((t) => ({ id: t.id, name: t.name, colour: t.colour })),
    completion: completion
      ? {
          travelArea: completion.travelArea,
          completedAt: completion.completedAt.toString(),
          delivered: parts.delivered.map((d) => ({
            id: d.id,
            clientParticipantId: d.participantId,
            clientId: d.clientId,
            invoiceId: d.invoiceId,
            kind: d.kind,
            serviceId: d.serviceId,
            staffParticipantId: d.staffParticipantId,
            description: d.description,
            quantity: d.quantity,
            unit: d.unit,
            rateMinor: d.rateMinor,
            portionBasisPoints: d.portionBasisPoints,
            amountMinor: d.amountMinor,
            explanation: d.explanation,
          })),
        }
      : null,
    createdAt: b.createdAt,
    updatedAt: b.updatedAt,
  };
}

/** The stored decision (ndis/cancellation-decision.ts writes its `decision` object) as the session shows it. */
function ndisDecisionView(n: NdisCancellationDecision) {
  const d = n.decision as {
    claimable: boolean;
    claimPercent: number;
    rule: string;
    deadline: string;
    explanation: string;
  };
  return {
    noShow: n.noShow,
    attestedNoOtherWork: n.attestedNoOtherWork,
    attestedWorkerPaid: n.attestedWorkerPaid,
    shortNotice: n.shortNotice,
    claimable: d.claimable,
    claimPercent: d.claimPercent,
    rule: d.rule,
    deadline: d.deadline,
    explanation: d.explanation,
  };
}
