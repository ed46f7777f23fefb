import type { Temporal } from 'temporal-polyfill';
import type { SeriesDefinition } from './series.js';

export type SeriesStatus = 'draft' | 'active' | 'ended';

export type SeriesRecord = SeriesDefinition & {
  id: string;
  clientId: string;
  serviceTypeId: string;
  serviceTypeName: string;
  name: string;
  staffName: string | null;
  /** The client contract its visits are charged on; null: the contract in force at each visit. */
  contractId: string | null;
  notes: string | null;
  status: SeriesStatus;
  splitFromId: string | null;
  generatedUntil: Temporal.Instant | null;
  createdById: string;
};

/** What happened to one occurrence in a bulk operation; conflicts are reported, never half-written. */
export type OccurrenceOutcome = {
  localDate: string;
  startsAt: string;
  endsAt: string;
  action: 'create' | 'update' | 'delete' | 'keep' | 'suspend' | 'restore';
  bookingId: string | null;
  result: 'done' | 'conflict' | 'kept';
  reason?: string;
  conflictingBookingId?: string;
  warnings?: string[];
};
