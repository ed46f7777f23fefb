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
  notes: string | null;
  status: SeriesStatus;
  splitFromId: string | null;
  generatedUntil: Temporal.Instant | null;
  createdById: string;
};

export type LeaveType = 'hospital' | 'respite' | 'social_leave' | 'holiday' | 'transition_care' | 'other';

export type LeaveRecord = {
  id: string;
  clientId: string;
  type: LeaveType;
  startsOn: string;
  endsOn: string | null;
  note: string | null;
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
