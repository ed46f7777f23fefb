import type { Temporal } from 'temporal-polyfill';
import type { Tx } from '../platform/db/database.js';

/** Soft conflicts the user chose to override for a client's participation, and why. */
export type SoftConflictOverride = { reason: string; warnings: string[] };

/** What is billed for one client participant: the contract, what really happened, and any override. */
export type DeliveryWrite = {
  contractId: string | null;
  actualStart: Temporal.Instant | null;
  actualEnd: Temporal.Instant | null;
  mileage: number | null;
};

export async function insertDelivery(
  tx: Tx,
  organisationId: string,
  d: {
    participantId: string;
    bookingId: string;
    clientId: string;
    override: SoftConflictOverride | null;
    contractId?: string | null;
  },
): Promise<void> {
  await tx
    .insertInto('client_deliveries')
    .values({
      organisation_id: organisationId,
      participant_id: d.participantId,
      booking_id: d.bookingId,
      client_id: d.clientId,
      override_reason: d.override?.reason ?? null,
      overridden_warnings: d.override?.warnings ?? [],
      contract_id: d.contractId ?? null,
    })
    .execute();
}

/** The client contract the booking's lead client's delivery is charged on (null: the contract in force). */
export async function setLeadContract(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  contractId: string | null,
): Promise<void> {
  await tx
    .updateTable('client_deliveries')
    .set({ contract_id: contractId })
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('booking_participants as cp')
          .whereRef('cp.organisation_id', '=', 'client_deliveries.organisation_id')
          .whereRef('cp.id', '=', 'client_deliveries.participant_id')
          .where('cp.is_lead', '=', true)
          .select('cp.id'),
      ),
    )
    .execute();
}

/** Records the override on the booking's lead client's delivery (null clears it). */
export async function setOverride(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  override: SoftConflictOverride | null,
): Promise<void> {
  await tx
    .updateTable('client_deliveries')
    .set({ override_reason: override?.reason ?? null, overridden_warnings: override?.warnings ?? [] })
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .where(({ exists, selectFrom }) =>
      exists(
        selectFrom('booking_participants as cp')
          .whereRef('cp.organisation_id', '=', 'client_deliveries.organisation_id')
          .whereRef('cp.id', '=', 'client_deliveries.participant_id')
          .where('cp.is_lead', '=', true)
          .select('cp.id'),
      ),
    )
    .execute();
}

/** The billing facts of one client's delivery of a booking. */
export async function updateDelivery(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  clientId: string,
  w: DeliveryWrite,
): Promise<void> {
  await tx
    .updateTable('client_deliveries')
    .set({
      contract_id: w.contractId,
      actual_start: w.actualStart?.toString() ?? null,
      actual_end: w.actualEnd?.toString() ?? null,
      mileage: w.mileage === null ? null : w.mileage.toFixed(2),
    })
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .where('client_id', '=', clientId)
    .execute();
}

/** What a completed visit recorded for one client: actual times, mileage and a note (the contract stays). */
export type CompletionWrite = {
  actualStart: Temporal.Instant;
  actualEnd: Temporal.Instant;
  mileage: number | null;
  note: string | null;
};

export async function updateCompletion(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  clientId: string,
  c: CompletionWrite,
): Promise<void> {
  await tx
    .updateTable('client_deliveries')
    .set({
      actual_start: c.actualStart.toString(),
      actual_end: c.actualEnd.toString(),
      mileage: c.mileage === null ? null : c.mileage.toFixed(2),
      completion_note: c.note,
    })
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .where('client_id', '=', clientId)
    .execute();
}

/** The client contract one client's delivery of a booking is charged on (null: the contract in force). */
export async function setDeliveryContract(
  tx: Tx,
  organisationId: string,
  bookingId: string,
  clientId: string,
  contractId: string | null,
): Promise<void> {
  await tx
    .updateTable('client_deliveries')
    .set({ contract_id: contractId })
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .where('client_id', '=', clientId)
    .execute();
}
