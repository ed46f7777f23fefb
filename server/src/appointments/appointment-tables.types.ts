import type { ColumnType, Generated } from 'kysely';
import type { Temporal } from 'temporal-polyfill';

/** Kysely shapes of Quick View's tables (migration 0021), merged into `Database`. */

type DefaultTimestamp = ColumnType<Temporal.Instant, string | undefined, string>;
type NullableTimestamp = ColumnType<Temporal.Instant | null, string | null | undefined, string | null>;

export type Modality = 'in_person' | 'phone' | 'video';
export type ClosedAs = 'no_show' | 'cancelled_charged' | 'cancelled_free';
export type Outcome = 'continuing' | 'concluded' | 'referred';
export type NotesFileType =
  | 'application/pdf'
  | 'application/msword'
  | 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';

export type AppointmentRecordTable = {
  organisation_id: string;
  booking_id: string;
  modality: Modality | null;
  commenced_at: NullableTimestamp;
  commenced_by_user_id: string | null;
  completed_at: NullableTimestamp;
  notes: string | null;
  notes_file_name: string | null;
  notes_file_type: NotesFileType | null;
  notes_file: Buffer | null;
  outcome: Outcome | null;
  signed_off_at: NullableTimestamp;
  signed_off_by_user_id: string | null;
  closed_as: ClosedAs | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type AppointmentAddendumTable = {
  organisation_id: string;
  id: Generated<string>;
  booking_id: string;
  text: string;
  created_by_user_id: string;
  created_at: DefaultTimestamp;
};

export type AppointmentSettingsTable = {
  organisation_id: string;
  overdue_after_days: Generated<number>;
};

export type AppointmentTables = {
  appointment_records: AppointmentRecordTable;
  appointment_addenda: AppointmentAddendumTable;
  appointment_settings: AppointmentSettingsTable;
};
