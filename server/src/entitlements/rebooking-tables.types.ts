import type { ColumnType } from 'kysely';
import type { Temporal } from 'temporal-polyfill';

/** Kysely shapes of the rebooking wizard's tables (migration 0022), merged into `Database`. */

type DefaultTimestamp = ColumnType<Temporal.Instant, string | undefined, string>;

export type Approach = 'manual' | 'retrospective';
export type Modality = 'in_person' | 'phone' | 'video';
export type VideoPlatform = 'jitsi' | 'teams' | 'zoom' | 'other';
export type Attendance = 'individual' | 'couple' | 'family' | 'group';

export type RebookingSettingsTable = {
  organisation_id: string;
  retrospective_days: number;
  updated_at: DefaultTimestamp;
};

export type CaseSessionDetailsTable = {
  organisation_id: string;
  booking_id: string;
  case_id: string;
  approach: Approach;
  work_schedule_id: string | null;
  pay_rate_minor: number | null;
  modality: Modality;
  video_platform: VideoPlatform | null;
  meeting_link: string | null;
  attendance: Attendance;
  notify_client: boolean;
  confirmed: boolean;
  previous_booking_id: string | null;
  entered_at: DefaultTimestamp;
  created_by_user_id: string;
};

export type RebookingTables = {
  rebooking_settings: RebookingSettingsTable;
  case_session_details: CaseSessionDetailsTable;
};
