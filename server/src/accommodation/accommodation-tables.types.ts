import type { ColumnType, Generated } from 'kysely';
import type { Temporal } from 'temporal-polyfill';

/** Kysely shapes of the accommodation tables (migration 0025), merged into `Database`. */

type DefaultTimestamp = ColumnType<Temporal.Instant, string | undefined, string>;
type NullableTimestamp = ColumnType<Temporal.Instant | null, string | null | undefined, string | null>;
type LocalDate = ColumnType<string, string, string>;
type Optional<T> = ColumnType<T, T | undefined, T>;

export type BedType = 'respite' | 'supported_accommodation';
export type Gender = 'female' | 'male' | 'non_binary' | 'other';
export type FundingType = 'private' | 'local_authority' | 'ndis' | 'other';
export type StayKind = 'client_stay' | 'block_booking' | 'out_of_service';
export type StayState = 'enquiry' | 'on_hold' | 'booked' | 'checked_in' | 'checked_out' | 'cancelled';
export type HoldOutcome = 'release' | 'revert';
export type ServiceUnit = 'night' | 'day';

export type AccommodationSiteTable = {
  organisation_id: string;
  id: Generated<string>;
  name: string;
  time_zone: string;
  region: string | null;
  check_in_time: Optional<string>;
  check_out_time: Optional<string>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type AccommodationRoomTable = {
  organisation_id: string;
  id: Generated<string>;
  site_id: string;
  name: string;
  created_at: DefaultTimestamp;
};

export type BedTable = {
  organisation_id: string;
  id: Generated<string>;
  room_id: string;
  name: string;
  bed_type: BedType;
  min_age: number | null;
  max_age: number | null;
  genders: Optional<Gender[]>;
  funding_types: Optional<FundingType[]>;
  emergency: Optional<boolean>;
  amenities: Optional<string[]>;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type AccommodationProfileTable = {
  organisation_id: string;
  client_id: string;
  gender: Gender | null;
  preferred_site_id: string | null;
  amenities: Optional<string[]>;
  updated_at: DefaultTimestamp;
};

export type StayTable = {
  organisation_id: string;
  id: Generated<string>;
  bed_id: string;
  kind: StayKind;
  client_id: string | null;
  contract_id: string | null;
  state: StayState;
  from_date: LocalDate;
  to_date: LocalDate;
  planned_to_date: ColumnType<string | null, string | null | undefined, string | null>;
  hold_expires_at: NullableTimestamp;
  hold_outcome: ColumnType<HoldOutcome | null, HoldOutcome | null | undefined, HoldOutcome | null>;
  hold_reverts_to: ColumnType<
    'enquiry' | 'booked' | null,
    'enquiry' | 'booked' | null | undefined,
    'enquiry' | 'booked' | null
  >;
  reason: ColumnType<string | null, string | null | undefined, string | null>;
  cancel_reason: ColumnType<string | null, string | null | undefined, string | null>;
  eligibility_override_reason: ColumnType<string | null, string | null | undefined, string | null>;
  eligibility_override_by: ColumnType<string | null, string | null | undefined, string | null>;
  checked_in_at: NullableTimestamp;
  checked_out_at: NullableTimestamp;
  notes: ColumnType<string | null, string | null | undefined, string | null>;
  created_by_user_id: string | null;
  created_at: DefaultTimestamp;
  updated_at: DefaultTimestamp;
};

export type StayServiceTable = {
  organisation_id: string;
  id: Generated<string>;
  stay_id: string;
  name: string;
  unit: ServiceUnit;
  support_item: string | null;
  rate_minor: number | null;
  contract_rate: string | null;
  created_at: DefaultTimestamp;
};

export type AccommodationTables = {
  accommodation_sites: AccommodationSiteTable;
  accommodation_rooms: AccommodationRoomTable;
  beds: BedTable;
  accommodation_profiles: AccommodationProfileTable;
  stays: StayTable;
  stay_services: StayServiceTable;
  accommodation_limits: AccommodationLimitTable;
};

export type AccommodationLimitTable = {
  organisation_id: string;
  funding_type: FundingType;
  max_nights_per_stay: number | null;
  max_nights_per_year: number | null;
  updated_at: DefaultTimestamp;
};
