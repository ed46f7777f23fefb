import type { RatedLine } from '../contracts/rating.types.js';
import type { FieldIssue } from '../shared/domain-error.js';

export type CarerPayVisit = {
  bookingId: string;
  name: string;
  client: { id: string; name: string };
  visitDate: string;
  timeZone: string;
  totalMinor: number;
  lines: RatedLine[];
};

export type CarerPayReport = {
  staff: { id: string; name: string; timeZone: string };
  from: string;
  to: string;
  totalMinor: number;
  visits: CarerPayVisit[];
  /** Delivered visits that could not be rated, with what to fix. */
  problems: { bookingId: string; name: string; visitDate: string; issues: FieldIssue[] }[];
};
