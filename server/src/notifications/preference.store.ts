import type { Tx } from '../platform/db/database.js';
import type { Channel, RecipientKind } from './notification.types.js';

export type PreferenceRecord = {
  id: string;
  clientId: string;
  recipient: RecipientKind;
  contactName: string | null;
  email: string | null;
  phone: string | null;
  channel: Channel;
  timeZone: string | null;
  optedInAt: import('temporal-polyfill').Temporal.Instant | null;
  quietStart: string | null;
  quietEnd: string | null;
};

export type PreferenceWrite = Omit<PreferenceRecord, 'id' | 'clientId' | 'optedInAt'> & {
  optedInAt: string | null;
};

const columns = [
  'id',
  'client_id as clientId',
  'recipient',
  'contact_name as contactName',
  'email',
  'phone',
  'channel',
  'time_zone as timeZone',
  'opted_in_at as optedInAt',
  'quiet_start as quietStart',
  'quiet_end as quietEnd',
] as const;

export async function preferencesOf(tx: Tx, organisationId: string, clientId: string) {
  return (await tx
    .selectFrom('notification_preferences')
    .where('organisation_id', '=', organisationId)
    .where('client_id', '=', clientId)
    .select(columns)
    .orderBy('recipient')
    .orderBy('created_at')
    .execute()) as PreferenceRecord[];
}

export async function insertPreference(tx: Tx, organisationId: string, clientId: string, p: PreferenceWrite) {
  const row = await tx
    .insertInto('notification_preferences')
    .values({
      organisation_id: organisationId,
      client_id: clientId,
      recipient: p.recipient,
      contact_name: p.contactName,
      email: p.email,
      phone: p.phone,
      channel: p.channel,
      time_zone: p.timeZone,
      opted_in_at: p.optedInAt,
      quiet_start: p.quietStart,
      quiet_end: p.quietEnd,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
  return row as PreferenceRecord;
}

export async function updatePreference(
  tx: Tx,
  organisationId: string,
  clientId: string,
  id: string,
  p: PreferenceWrite,
  now: string,
) {
  const row = await tx
    .updateTable('notification_preferences')
    .set({
      recipient: p.recipient,
      contact_name: p.contactName,
      email: p.email,
      phone: p.phone,
      channel: p.channel,
      time_zone: p.timeZone,
      opted_in_at: p.optedInAt,
      quiet_start: p.quietStart,
      quiet_end: p.quietEnd,
      updated_at: now,
    })
    .where('organisation_id', '=', organisationId)
    .where('client_id', '=', clientId)
    .where('id', '=', id)
    .returning(columns)
    .executeTakeFirst();
  return row as PreferenceRecord | undefined;
}

export async function deletePreference(tx: Tx, organisationId: string, clientId: string, id: string) {
  const r = await tx
    .deleteFrom('notification_preferences')
    .where('organisation_id', '=', organisationId)
    .where('client_id', '=', clientId)
    .where('id', '=', id)
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export type ServiceDefault = { serviceTypeId: string; notifyClient: boolean; reminderMinutes: number | null };

/**
 * Every service type of the organisation with its notification defaults: those never set read as the rule's
 * own (notify the client; the server's reminder lead time), with `configured` false.
 */
export async function serviceDefaults(tx: Tx, organisationId: string) {
  const rows = await tx
    .selectFrom('service_types as t')
    .leftJoin('notification_service_defaults as d', (j) =>
      j.onRef('d.organisation_id', '=', 't.organisation_id').onRef('d.service_type_id', '=', 't.id'),
    )
    .where('t.organisation_id', '=', organisationId)
    .select([
      't.id as serviceTypeId',
      't.name as serviceTypeName',
      't.active',
      'd.notify_client as notifyClient',
      'd.reminder_minutes as reminderMinutes',
    ])
    .orderBy('t.name')
    .orderBy('t.id')
    .execute();
  return rows.map((r) => ({
    serviceTypeId: r.serviceTypeId,
    serviceTypeName: r.serviceTypeName,
    active: r.active,
    configured: r.notifyClient !== null,
    notifyClient: r.notifyClient ?? true,
    reminderMinutes: r.reminderMinutes ?? null,
  }));
}

export async function serviceDefaultOf(tx: Tx, organisationId: string, serviceTypeId: string | null) {
  if (serviceTypeId === null) return undefined;
  return (await tx
    .selectFrom('notification_service_defaults')
    .where('organisation_id', '=', organisationId)
    .where('service_type_id', '=', serviceTypeId)
    .select([
      'service_type_id as serviceTypeId',
      'notify_client as notifyClient',
      'reminder_minutes as reminderMinutes',
    ])
    .executeTakeFirst()) as ServiceDefault | undefined;
}

export async function serviceTypeExists(tx: Tx, organisationId: string, serviceTypeId: string) {
  return (
    (await tx
      .selectFrom('service_types')
      .where('organisation_id', '=', organisationId)
      .where('id', '=', serviceTypeId)
      .select('id')
      .executeTakeFirst()) !== undefined
  );
}

export async function upsertServiceDefault(tx: Tx, organisationId: string, d: ServiceDefault) {
  await tx
    .insertInto('notification_service_defaults')
    .values({
      organisation_id: organisationId,
      service_type_id: d.serviceTypeId,
      notify_client: d.notifyClient,
      reminder_minutes: d.reminderMinutes,
    })
    .onConflict((c) =>
      c
        .columns(['organisation_id', 'service_type_id'])
        .doUpdateSet({ notify_client: d.notifyClient, reminder_minutes: d.reminderMinutes }),
    )
    .execute();
}

export async function bookingChoiceOf(tx: Tx, organisationId: string, bookingId: string) {
  const row = await tx
    .selectFrom('booking_notification_choices')
    .where('organisation_id', '=', organisationId)
    .where('booking_id', '=', bookingId)
    .select('notify_client')
    .executeTakeFirst();
  return row?.notify_client;
}

export async function saveBookingChoice(tx: Tx, organisationId: string, bookingId: string, notify: boolean) {
  await tx
    .insertInto('booking_notification_choices')
    .values({ organisation_id: organisationId, booking_id: bookingId, notify_client: notify })
    .onConflict((c) => c.columns(['organisation_id', 'booking_id']).doUpdateSet({ notify_client: notify }))
    .execute();
}

/** The client as a recipient: names, addresses and zone; and the organisation's name, which signs messages. */
export async function clientRecipient(tx: Tx, organisationId: string, clientId: string) {
  return tx
    .selectFrom('clients as c')
    .innerJoin('organisations as o', 'o.id', 'c.organisation_id')
    .where('c.organisation_id', '=', organisationId)
    .where('c.id', '=', clientId)
    .select([
      'c.given_name as givenName',
      'c.family_name as familyName',
      'c.preferred_name as preferredName',
      'c.email',
      'c.phone',
      'c.time_zone as timeZone',
      'o.name as organisationName',
    ])
    .executeTakeFirst();
}
