import type { Temporal } from 'temporal-polyfill';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, invalid, notFound } from '../shared/domain-error.js';
import type { PreferenceInput } from './notification.schemas.js';
import { outboxRow, requeue } from './outbox.store.js';
import {
  clientRecipient,
  deletePreference,
  insertPreference,
  type PreferenceRecord,
  preferencesOf,
  serviceTypeExists,
  updatePreference,
  upsertServiceDefault,
} from './preference.store.js';

const view = (p: PreferenceRecord) => ({ ...p, optedInAt: p.optedInAt?.toString() ?? null });

function toWrite(input: PreferenceInput, previous: PreferenceRecord | undefined, now: Temporal.Instant) {
  return {
    recipient: input.recipient,
    contactName: input.contactName,
    email: input.email,
    phone: input.phone,
    channel: input.channel,
    timeZone: input.timeZone,
    // The opt-in time is when the recipient first agreed; saving again keeps it.
    optedInAt: input.optedIn ? (previous?.optedInAt?.toString() ?? now.toString()) : null,
    quietStart: input.quietStart,
    quietEnd: input.quietEnd,
  };
}

async function ensureClient(tx: Tx, actor: Actor, clientId: string) {
  if (!(await clientRecipient(tx, actor.organisationId, clientId))) throw notFound('Client');
}

export async function listPreferences(tx: Tx, actor: Actor, clientId: string) {
  await ensureClient(tx, actor, clientId);
  return (await preferencesOf(tx, actor.organisationId, clientId)).map(view);
}

const isUniqueViolation = (e: unknown) => (e as { code?: string }).code === '23505';

export async function addPreference(
  tx: Tx,
  actor: Actor,
  clientId: string,
  input: PreferenceInput,
  now: Temporal.Instant,
) {
  await ensureClient(tx, actor, clientId);
  try {
    const row = await insertPreference(tx, actor.organisationId, clientId, toWrite(input, undefined, now));
    await recordAudit(tx, {
      ...auditBy(actor),
      action: 'create',
      entityType: 'notification_preference',
      entityId: row.id,
      after: view(row),
    });
    return view(row);
  } catch (error) {
    if (isUniqueViolation(error))
      throw conflict(`The client already has a ${input.channel === 'sms' ? 'SMS' : 'e-mail'} preference`);
    throw error;
  }
}

export async function changePreference(
  tx: Tx,
  actor: Actor,
  clientId: string,
  id: string,
  input: PreferenceInput,
  now: Temporal.Instant,
) {
  const before = (await preferencesOf(tx, actor.organisationId, clientId)).find((p) => p.id === id);
  if (!before) throw notFound('Notification preference');
  const row = await updatePreference(
    tx,
    actor.organisationId,
    clientId,
    id,
    toWrite(input, before, now),
    now.toString(),
  );
  if (!row) throw notFound('Notification preference');
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'notification_preference',
    entityId: id,
    before: view(before),
    after: view(row),
  });
  return view(row);
}

export async function removePreference(tx: Tx, actor: Actor, clientId: string, id: string) {
  const before = (await preferencesOf(tx, actor.organisationId, clientId)).find((p) => p.id === id);
  if (!before || !(await deletePreference(tx, actor.organisationId, clientId, id)))
    throw notFound('Notification preference');
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'delete',
    entityType: 'notification_preference',
    entityId: id,
    before: view(before),
  });
}

export async function setServiceDefault(
  tx: Tx,
  actor: Actor,
  serviceTypeId: string,
  input: { notifyClient: boolean; reminderMinutes: number | null },
) {
  if (!(await serviceTypeExists(tx, actor.organisationId, serviceTypeId)))
    throw invalid('serviceTypeId', 'is not a service type of this organisation');
  await upsertServiceDefault(tx, actor.organisationId, { serviceTypeId, ...input });
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'notification_service_default',
    entityId: serviceTypeId,
    after: input,
  });
}

/** Sends a message again (a coordinator's "resend"): it goes back to pending, due now. */
export async function resendMessage(tx: Tx, actor: Actor, id: string, now: Temporal.Instant) {
  const row = await outboxRow(tx, actor.organisationId, id);
  if (!row) throw notFound('Message');
  if (row.status === 'sending') throw conflict('The message is being sent right now');
  await requeue(tx, actor.organisationId, id, now.toString());
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'notification_outbox',
    entityId: id,
    before: { status: row.status },
    after: { status: 'pending' },
  });
  return (await outboxRow(tx, actor.organisationId, id))!;
}
