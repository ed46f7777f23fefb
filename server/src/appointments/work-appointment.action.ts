import { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { cancelBooking } from '../bookings/cancel-booking.action.js';
import { completeVisit } from '../bookings/complete-visit.action.js';
import { settleEndedSession } from '../entitlements/settle-session.action.js';
import { type Actor, can } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, invalid } from '../shared/domain-error.js';
import { ensureRecord, findRecord, insertAddendum, updateRecord } from './appointment.store.js';
import type { Modality, Outcome } from './appointment-tables.types.js';
import { type Action, actionsFor, chargeableCancellation, checkNotesFile } from './quick-view.js';
import { loadAppointment } from './read-appointments.action.js';

const REFUSALS: Record<Action, string> = {
  commence:
    'This appointment cannot be commenced now: it is not due yet, or it has already been commenced or ended',
  complete: 'Only a commenced appointment that is not signed off can be completed',
  sign_off: 'Only a completed appointment that is not yet signed off can be signed off',
  rebook: 'This appointment cannot be rebooked',
  cancel: 'Only an appointment not yet commenced can be cancelled',
  no_show: 'A no-show can be recorded only for an appointment that has started and was not commenced',
  addendum: 'An addendum is added to a signed-off appointment; until then, correct the notes themselves',
};

/**
 * Loads the appointment for a step, under the record's row lock (made first if need be), and refuses a step the
 * appointment does not offer now — before anything is written. Notes and sign-off are the associate's own:
 * only a staff member taking part may take them; a coordinator (bookings.write) may also cancel or record a
 * no-show.
 */
async function forStep(tx: Tx, actor: Actor, bookingId: string, step: Action, now: Temporal.Instant) {
  const { mine } = await loadAppointment(tx, actor, bookingId);
  const coordinatorMay = (step === 'cancel' || step === 'no_show') && can(actor, 'bookings.write');
  if (!mine && !coordinatorMay)
    throw conflict('Only the associate taking part in this appointment can do this');
  await ensureRecord(tx, actor.organisationId, bookingId);
  const record = (await findRecord(tx, actor.organisationId, bookingId, true))!;
  const { row } = await loadAppointment(tx, actor, bookingId);
  if (!actionsFor(row, now).includes(step)) throw conflict(REFUSALS[step]);
  return { row, record };
}

async function audited(tx: Tx, actor: Actor, bookingId: string, before: unknown) {
  const after = await findRecord(tx, actor.organisationId, bookingId);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'appointment_record',
    entityId: bookingId,
    before,
    after,
  });
}

/** Commence: the appointment is under way from now (its actual start). */
export async function commenceAppointment(
  tx: Tx,
  actor: Actor,
  bookingId: string,
  input: { modality?: Modality | undefined },
  now: Temporal.Instant,
) {
  const { record } = await forStep(tx, actor, bookingId, 'commence', now);
  await updateRecord(
    tx,
    actor.organisationId,
    bookingId,
    {
      commenced_at: now.toString(),
      commenced_by_user_id: actor.userId,
      ...(input.modality ? { modality: input.modality } : {}),
    },
    now,
  );
  await audited(tx, actor, bookingId, record);
}

export type CompleteInput = {
  notes?: string | null | undefined;
  notesFile?: { name: string; type: string; contentBase64: string } | null | undefined;
  outcome: Outcome;
};

/**
 * Complete: the session notes (typed, or a PDF or Word file, or both) and the outcome; the booking is completed
 * with the actual start (when it was commenced) and end (the planned length from then, or now if sooner). Until
 * sign-off the notes may be completed again (corrected); a file sent replaces the earlier one, `null` removes it.
 */
export async function completeAppointment(
  tx: Tx,
  actor: Actor,
  bookingId: string,
  input: CompleteInput,
  now: Temporal.Instant,
) {
  let file: { name: string; type: string; bytes: Buffer } | null | undefined;
  if (input.notesFile) {
    const bytes = Buffer.from(input.notesFile.contentBase64, 'base64');
    const check = checkNotesFile(input.notesFile.name, input.notesFile.type, bytes);
    if (!check.ok) throw invalid('notesFile', check.reason);
    file = { name: input.notesFile.name, type: check.type, bytes };
  } else file = input.notesFile;
  const { row, record } = await forStep(tx, actor, bookingId, 'complete', now);
  const notes = input.notes === undefined ? record.notes : input.notes;
  const hasFile = file === undefined ? record.notesFileName !== null : file !== null;
  if (!notes && !hasFile)
    throw invalid('notes', 'are required: type the session notes or upload them as a PDF or Word file');
  if (row.status === 'booked') {
    const start = record.commencedAt ?? row.startsAt;
    const planned = start.add(row.startsAt.until(row.endsAt));
    const end = Temporal.Instant.compare(planned, now) > 0 ? now : planned;
    await completeVisit(
      tx,
      actor,
      bookingId,
      { actualStart: start.toString(), actualEnd: end.toString() },
      now,
    );
  }
  await updateRecord(
    tx,
    actor.organisationId,
    bookingId,
    {
      completed_at: (record.completedAt ?? now).toString(),
      notes: notes ?? null,
      outcome: input.outcome,
      ...(file === undefined
        ? {}
        : {
            notes_file: file?.bytes ?? null,
            notes_file_name: file?.name ?? null,
            notes_file_type: (file?.type ?? null) as never,
          }),
    },
    now,
  );
  await audited(tx, actor, bookingId, record);
}

/** Sign-off: the record is frozen from now on (the database refuses any change); corrections are addenda. */
export async function signOffAppointment(tx: Tx, actor: Actor, bookingId: string, now: Temporal.Instant) {
  const { record } = await forStep(tx, actor, bookingId, 'sign_off', now);
  await updateRecord(
    tx,
    actor.organisationId,
    bookingId,
    { signed_off_at: now.toString(), signed_off_by_user_id: actor.userId },
    now,
  );
  await audited(tx, actor, bookingId, record);
}

/** An addendum to a signed-off appointment: appended, never edited. */
export async function addAddendum(
  tx: Tx,
  actor: Actor,
  bookingId: string,
  text: string,
  now: Temporal.Instant,
) {
  await forStep(tx, actor, bookingId, 'addendum', now);
  const added = await insertAddendum(tx, actor.organisationId, {
    bookingId,
    text,
    userId: actor.userId,
    at: now,
  });
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'appointment_addendum',
    entityId: added.id,
    after: { bookingId, text },
  });
  return added;
}

/**
 * A no-show, or a cancellation with or without charge: the booking is cancelled and, for a case's session, the
 * case's rules decide whether it still uses a session (a reversal gives it back when it does not). "With
 * charge" is only for a cancellation less than 24 hours before the start.
 */
export async function endAppointment(
  tx: Tx,
  actor: Actor,
  bookingId: string,
  input: { kind: 'no_show' | 'cancelled_charged' | 'cancelled_free'; reason: string },
  now: Temporal.Instant,
) {
  const step: Action = input.kind === 'no_show' ? 'no_show' : 'cancel';
  const { row, record } = await forStep(tx, actor, bookingId, step, now);
  if (input.kind === 'cancelled_charged' && !chargeableCancellation(row, now))
    throw invalid('kind', 'can be "with charge" only less than 24 hours before the start');
  const ending =
    input.kind === 'no_show'
      ? { noShow: true }
      : { noShow: false, charged: input.kind === 'cancelled_charged' };
  const label =
    input.kind === 'no_show'
      ? 'No-show'
      : input.kind === 'cancelled_charged'
        ? 'Cancelled with charge'
        : 'Cancelled without charge';
  await cancelBooking(tx, actor, bookingId, `${label}: ${input.reason}`, undefined, ending);
  const settled = await settleEndedSession(tx, actor, bookingId, ending, now);
  await updateRecord(tx, actor.organisationId, bookingId, { closed_as: input.kind }, now);
  await audited(tx, actor, bookingId, record);
  return { sessionUsed: settled ? settled.sessionUsed : null };
}
