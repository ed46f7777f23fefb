/** Shapes of the NDIS support catalogue (pure; the tables are in catalogue-tables.types.ts). */

export type ItemUnit = 'H' | 'E' | 'D' | 'WK' | 'MON' | 'YR';

export type PriceZone =
  | 'NATIONAL'
  | 'ACT'
  | 'NSW'
  | 'NT'
  | 'QLD'
  | 'SA'
  | 'TAS'
  | 'VIC'
  | 'WA'
  | 'REMOTE'
  | 'VERY_REMOTE';

export const STATE_ZONES = ['ACT', 'NSW', 'NT', 'QLD', 'SA', 'TAS', 'VIC', 'WA'] as const;
export type StateZone = (typeof STATE_ZONES)[number];

export type ItemFlags = {
  nonFaceToFace: boolean;
  providerTravel: boolean;
  shortNoticeCancellation: boolean;
  ndiaRequestedReports: boolean;
  irregularSil: boolean;
};

/** One version of a support item: what the catalogue says of a number from `startsOn` to `endsOn`. */
export type SupportItem = {
  number: string;
  name: string;
  unit: ItemUnit;
  registrationGroupNumber: string | null;
  registrationGroupName: string | null;
  supportCategoryNumber: string | null;
  supportCategoryName: string | null;
  quote: boolean;
  startsOn: string;
  endsOn: string | null;
  flags: ItemFlags;
  therapy: boolean;
  itemType: string | null;
  /** Price limits in minor units; a zone absent: no limit there. */
  prices: Partial<Record<PriceZone, number>>;
};

export type TimeBand =
  | 'weekday_daytime'
  | 'weekday_evening'
  | 'weekday_night'
  | 'saturday'
  | 'sunday'
  | 'public_holiday';

export const TIME_BANDS: readonly TimeBand[] = [
  'weekday_daytime',
  'weekday_evening',
  'weekday_night',
  'saturday',
  'sunday',
  'public_holiday',
];
