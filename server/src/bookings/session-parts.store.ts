import type { Selectable } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type { Tx } from '../platform/db/database.js';
import type { DeliveredServiceTable } from '../platform/db/schema.js';
import type {
  CancellationDetails,
  DeliveredRecord,
  DeliveredWrite,
  NewService,
  SessionParts,
  TravelWrite,
} from './session.types.js';

/**
 * The parts of a session beyond its participants (migration 0015): services, tags, a client's cancellation,
 * the workers' actual times, the completion with its travel and the delivered records. Only
 * booking-write.store.ts writes through these; readers use `loadSessionParts`.
 */

export type {
  CancellationDetails,
  DeliveredRecord,
  DeliveredWrite,
  NewService,
  ServiceRecord,
  SessionParts,
  TravelWrite,
} from './session.types.js';

export async function replaceServices(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  services: readonly NewService[],
): Promise<void> {
  await tx
    .deleteFrom('booking_services')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .execute();
  if (services.length === 0) return;
  await tx
    .insertInto('booking_services')
    .values(
      services.map((s, position) => ({
        organisation_id: organisationId,
        booking_id: bookingId,
        source: s.source,
        client_id: s.clientId,
        contract_id: s.contractId,
        name: s.name,
        support_item: s.supportItem,
        ratio: s.ratio,
        hourly_rate_minor: s.hourlyRateMinor,
        is_primary: s.primary,
        position,
      })),
    )
    .execute();
}

export async function replaceServiceTypes(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  serviceTypeIds: readonly string[],
): Promise<void> {
  await tx
    .deleteFrom('booking_service_types')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .execute();
  const ids = [...new Set(serviceTypeIds)];
  if (ids.length === 0) return;
  await tx
    .insertInto('booking_service_types')
    .values(
      ids.map((id) => ({ organisation_id: organisationId, booking_id: bookingId, service_type_id: id })),
    )
    .execute();
}

export async function setCancellation(
  tx: Tx,
  organisationId: string,
  participantId: string,
  c: CancellationDetails,
): Promise<void> {
  await tx
    .updateTable('booking_participants')
    .set({
      status: 'cancelled',
      cancelled_by: c.cancelledBy,
      cancelled_by_name: c.cancelledByName,
      notified_at: c.notifiedAt.toString(),
      cancellation_code: c.reasonCode,
      cancellation_note: c.note,
      cancellation_recorded_at: c.recordedAt.toString(),
      no_show: c.ndis?.noShow ?? null,
      attested_no_other_work: c.ndis?.attestedNoOtherWork ?? null,
      attested_worker_paid: c.ndis?.attestedWorkerPaid ?? null,
      short_notice: c.ndis?.shortNotice ?? null,
      cancellation_decision: c.ndis ? JSON.stringify(c.ndis.decision) : null,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', participantId)
    .execute();
}

export async function setWorkerTimes(
  tx: Tx,
  organisationId: string,
  participantId: string,
  times: { start: Temporal.Instant; end: Temporal.Instant } | null,
): Promise<void> {
  await tx
    .updateTable('booking_participants')
    .set({
      actual_start: times?.start.toString() ?? null,
      actual_end: times?.end.toString() ?? null,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', participantId)
    .execute();
}

export async function setDeliveryContract(
  tx: Tx,
  organisationId: string,
  participantId: string,
  contractId: string | null,
): Promise<void> {
  await tx
    .updateTable('client_deliveries')
    .set({ contract_id: contractId })
    .where('organisation_id', '=', organisationId)
    .where('participant_id', '=', participantId)
    .execute();
}

export async function insertCompletion(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  c: {
    travelArea: 'metro' | 'regional' | 'remote';
    userId: string;
    travel: readonly TravelWrite[];
    delivered: readonly DeliveredWrite[];
  },
): Promise<void> {
  await tx
    .insertInto('booking_completions')
    .values({
      organisation_id: organisationId,
      booking_id: bookingId,
      travel_area: c.travelArea,
      completed_by_user_id: c.userId,
    })
    .execute();
  if (c.travel.length > 0)
    await tx
      .insertInto('booking_travel')
      .values(
        c.travel.map((t) => ({
          organisation_id: organisationId,
          booking_id: bookingId,
          staff_participant_id: t.staffParticipantId,
          kind: t.kind,
          minutes: t.minutes,
          km: t.km.toFixed(2),
          vehicle: t.vehicle,
          tolls_minor: t.tollsMinor,
          parking_minor: t.parkingMinor,
          client_participant_ids: t.clientParticipantIds,
        })),
      )
      .execute();
  if (c.delivered.length > 0)
    await tx
      .insertInto('delivered_services')
      .values(
        c.delivered.map((d, position) => ({
          organisation_id: organisationId,
          booking_id: bookingId,
          participant_id: d.participantId,
          client_id: d.clientId,
          service_id: d.serviceId,
          staff_participant_id: d.staffParticipantId,
          kind: d.kind,
          description: d.description,
          quantity: d.quantity.toFixed(2),
          unit: d.unit,
          rate_minor: d.rateMinor,
          portion_basis_points: d.portionBasisPoints,
          amount_minor: d.amountMinor,
          explanation: d.explanation,
          position,
        })),
      )
      .execute();
}

/** Removes a completion: its delivered records, travel, and the workers' actual times. */
export async function deleteCompletion(tx: Tx, organisationId: string, bookingId: string): Promise<void> {
  for (const table of ['delivered_services', 'booking_travel', 'booking_completions'] as const)
    await tx
      .deleteFrom(table)
      .where('organisation_id', '=', organisationId)
      .where('booking_id', '=', bookingId)
      .execute();
  await tx
    .updateTable('booking_participants')
    .set({ actual_start: null, actual_end: null })
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .where('actual_start', 'is not', null)
    .execute();
}

/** Everything of `loadSessionParts` for the given bookings, each list in a stable order. */
export async function loadSessionParts(
  tx: Tx,
  organisationId: string,
  bookingIds: readonly string[],
): Promise<SessionParts & { serviceBookingIds: Map<string, string> }> {
  if (bookingIds.length === 0)
    return {
      services: [],
      serviceTypes: [],
      participants: [],
      completions: [],
      delivered: [],
      serviceBookingIds: new Map(),
    };
  const ids = [...bookingIds];
  const [services, tags, participants, completions, delivered] = await Promise.all([
    tx
      .selectFrom('booking_services')
      .where('organisation_id', '=', organisationId)
      .where('booking_id', 'in', ids)
      .selectAll()
      .orderBy('booking_id')
      .orderBy('position')
      .execute(),
    tx
      .selectFrom('booking_service_types as bt')
      .innerJoin('service_types as st', (j) =>
        j.onRef('st.organisation_id', '=', 'bt.organisation_id').onRef('st.id', '=', 'bt.service_type_id'),
      )
      .where('bt.organisation_id', '=', organisationId)
      .where('bt.booking_id', 'in', ids)
      .select(['bt.booking_id', 'st.id', 'st.name', 'st.colour'])
      .orderBy('st.name')
      .execute(),
    tx
      .selectFrom('booking_participants as bp')
      .leftJoin('client_deliveries as d', (j) =>
        j.onRef('d.organisation_id', '=', 'bp.organisation_id').onRef('d.participant_id', '=', 'bp.id'),
      )
      .where('bp.organisation_id', '=', organisationId)
      .where('bp.booking_id', 'in', ids)
      .select([
        'bp.id',
        'bp.booking_id',
        'd.contract_id',
        'bp.cancelled_by',
        'bp.cancelled_by_name',
        'bp.notified_at',
        'bp.cancellation_code',
        'bp.cancellation_note',
        'bp.cancellation_recorded_at',
        'bp.no_show',
        'bp.attested_no_other_work',
        'bp.attested_worker_paid',
        'bp.short_notice',
        'bp.cancellation_decision',
        'bp.actual_start',
        'bp.actual_end',
      ])
      .execute(),
    tx
      .selectFrom('booking_completions')
      .where('organisation_id', '=', organisationId)
      .where('booking_id', 'in', ids)
      .select(['booking_id', 'travel_area', 'completed_at'])
      .execute(),
    tx
      .selectFrom('delivered_services as ds')
      .leftJoin('invoiced_bookings as ib', (j) =>
        j
          .onRef('ib.organisation_id', '=', 'ds.organisation_id')
          .onRef('ib.participant_id', '=', 'ds.participant_id'),
      )
      .where('ds.organisation_id', '=', organisationId)
      .where('ds.booking_id', 'in', ids)
      .selectAll('ds')
      .select('ib.invoice_id')
      .orderBy('ds.booking_id')
      .orderBy('ds.position')
      .execute(),
  ]);
  return {
    services: services.map((s) => ({
      id: s.id,
      source: s.source,
      clientId: s.client_id,
      contractId: s.contract_id,
      name: s.name,
      supportItem: s.support_item,
      ratio: s.ratio,
      hourlyRateMinor: s.hourly_rate_minor,
      primary: s.is_primary,
      position: s.position,
    })),
    serviceBookingIds: new Map(services.map((s) => [s.id, s.booking_id])),
    serviceTypes: tags.map((t) => ({ bookingId: t.booking_id, id: t.id, name: t.name, colour: t.colour })),
    participants: participants.map((p) => ({
      id: p.id,
      bookingId: p.booking_id,
      contractId: p.contract_id,
      cancellation:
        p.cancelled_by === null
          ? null
          : {
              cancelledBy: p.cancelled_by,
              cancelledByName: p.cancelled_by_name,
              notifiedAt: p.notified_at!,
              reasonCode: p.cancellation_code!,
              note: p.cancellation_note,
              recordedAt: p.cancellation_recorded_at!,
              ndis:
                p.short_notice === null
                  ? null
                  : {
                      noShow: p.no_show === true,
                      attestedNoOtherWork: p.attested_no_other_work === true,
                      attestedWorkerPaid: p.attested_worker_paid === true,
                      shortNotice: p.short_notice,
                      decision: p.cancellation_decision as Record<string, unknown>,
                    },
            },
      actualStart: p.actual_start,
      actualEnd: p.actual_end,
    })),
    completions: completions.map((c) => ({
      bookingId: c.booking_id,
      travelArea: c.travel_area,
      completedAt: c.completed_at,
    })),
    delivered: delivered.map((d) => ({ ...deliveredRecord(d), invoiceId: d.invoice_id })),
  };
}

/** A delivered_services row as the sessions API and invoice runs read it. */
function deliveredRecord(d: Selectable<DeliveredServiceTable>): DeliveredRecord {
  return {
    id: d.id,
    bookingId: d.booking_id,
    participantId: d.participant_id,
    clientId: d.client_id,
    serviceId: d.service_id,
    staffParticipantId: d.staff_participant_id,
    kind: d.kind,
    description: d.description,
    quantity: Number(d.quantity),
    unit: d.unit,
    rateMinor: d.rate_minor,
    portionBasisPoints: d.portion_basis_points,
    amountMinor: d.amount_minor,
    explanation: d.explanation,
  };
}

/** The delivered records of the given client participants (what invoice runs bill for a completed session). */
export async function deliveredFor(
  tx: Tx,
  organisationId: string,
  participantIds: readonly string[],
): Promise<Map<string, DeliveredRecord[]>> {
  const out = new Map<string, DeliveredRecord[]>();
  if (participantIds.length === 0) return out;
  const rows = await tx
    .selectFrom('delivered_services')
    .where('organisation_id', '=', organisationId)
    .where('participant_id', 'in', [...participantIds])
    .selectAll()
    .orderBy('participant_id')
    .orderBy('position')
    .execute();
  for (const d of rows) {
    const record = deliveredRecord(d);
    const list = out.get(d.participant_id);
    if (list) list.push(record);
    else out.set(d.participant_id, [record]);
  }
  return out;
}
