import type { Temporal } from 'temporal-polyfill';
import type { ParticipantStatus, ParticipantType } from '../platform/db/schema.js';
import type { BookingStatus } from './booking-rules.js';

/** A booking as read from the database, with the names of the people it refers to. */
export type BookingRecord = {
  id: string;
  /** The lead client: every visit has one. */
  clientId: string;
  clientParticipantId: string;
  kind: 'adhoc' | 'scheduled';
  category: 'visit' | 'group' | 'stay';
  capacity: number | null;
  seriesId: string | null;
  isException: boolean;
  serviceTypeId: string | null;
  sequence: number;
  name: string;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  timeZone: string;
  staffId: string | null;
  staffName: string | null;
  providerId: string | null;
  providerName: string | null;
  notes: string | null;
  status: BookingStatus;
  cancellationReason: string | null;
  overrideReason: string | null;
  overriddenWarnings: string[];
  createdById: string;
  createdByName: string;
  createdAt: Temporal.Instant;
  updatedAt: Temporal.Instant;
};

/** One participant of a booking, with the name of whoever (or whatever) takes part. */
export type ParticipantRecord = {
  id: string;
  bookingId: string;
  type: ParticipantType;
  subjectId: string;
  name: string;
  role: string | null;
  isLead: boolean;
  status: ParticipantStatus;
  replacesParticipantId: string | null;
};

/** A series' booking as reconciliation sees it: matched to occurrences by its original local date. */
export type SeriesBooking = {
  bookingId: string;
  localDate: string;
  originalStart: Temporal.Instant;
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  /** The lead staff member. */
  staffId: string | null;
  isException: boolean;
  status: BookingStatus;
  /** Cancelled by someone (not by client leave, which follows the series): series edits leave it alone. */
  cancelledByUser: boolean;
};
