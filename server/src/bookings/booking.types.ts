import type { Temporal } from 'temporal-polyfill';
import type { BookingStatus } from './booking-rules.js';

/** A booking as read from the database, with the names of the people it refers to. */
export type BookingRecord = {
  id: string;
  clientId: string;
  kind: 'adhoc' | 'scheduled';
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
