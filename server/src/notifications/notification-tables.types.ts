import type { ColumnType, Generated } from 'kysely';
import type { Temporal } from 'temporal-polyfill';
import type {
  Channel,
  OutboxEvent,
  OutboxRecipient,
  OutboxStatus,
  RecipientKind,
} from './notification.types.js';

/** Kysely shapes of the notification tables (migration 0014), merged into `Database`. */

type Timestamp = ColumnType<Temporal.Instant, string, string>;
type DefaultTimestamp = ColumnType<Temporal.Instant, string | undefined, string>;
type NullableTimestamp = ColumnType<Temporal.Instant | null, string | null | undefined, string | null>;

export type NotificationPreferenceTable = {
  organisation_id: string;
  id: Generated<string>;
  client_id: string;
  recipient: RecipientKind;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  channel: Channel;
  time_zone: string | null;
  opted_in_at: NullableTimestamp;
  quiet_start: string | null;
  quiet_end: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type NotificationServiceDefaultTable = {
  organisation_id: string;
  service_type_id: string;
  notify_client: boolean;
  reminder_minutes: number | null;
};

export type BookingNotificationChoiceTable = {
  organisation_id: string;
  booking_id: string;
  notify_client: boolean;
};

export type NotificationOutboxTable = {
  organisation_id: string;
  id: Generated<string>;
  idempotency_key: string;
  event: OutboxEvent;
  booking_id: string | null;
  client_id: string;
  preference_id: string | null;
  recipient: OutboxRecipient;
  recipient_name: string;
  channel: Channel;
  address: string;
  time_zone: string;
  scheduled_at: Timestamp;
  status: Generated<OutboxStatus>;
  attempts: Generated<number>;
  locked_until: NullableTimestamp;
  last_error: string | null;
  sent_at: NullableTimestamp;
  provider_message_id: string | null;
  subject: string;
  body_text: string;
  ics: string | null;
  ics_method: 'REQUEST' | 'CANCEL' | null;
  ics_sequence: number | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type NotificationTables = {
  notification_preferences: NotificationPreferenceTable;
  notification_service_defaults: NotificationServiceDefaultTable;
  booking_notification_choices: BookingNotificationChoiceTable;
  notification_outbox: NotificationOutboxTable;
};
