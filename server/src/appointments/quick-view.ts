import { Temporal } from 'temporal-polyfill';
import type { BookingStatus } from '../platform/db/schema.js';
import type { ClosedAs, Modality } from './appointment-tables.types.js';

/**
 * Quick View, pure: which section an appointment is in, whether it is overdue, what the associate may do with
 * it now, and its time in both zones. "Now", zones and the organisation's locale come in as arguments.
 */

export type Stage = 'not_started' | 'in_progress' | 'completed';
export type AppointmentFacts = {
  startsAt: Temporal.Instant;
  endsAt: Temporal.Instant;
  status: BookingStatus;
  commencedAt: Temporal.Instant | null;
  completedAt: Temporal.Instant | null;
  signedOffAt: Temporal.Instant | null;
  closedAs: ClosedAs | null;
  hasRecord: boolean;
  clientId: string | null;
};
export type Action = 'commence' | 'complete' | 'sign_off' | 'rebook' | 'cancel' | 'no_show' | 'addendum';

/** Commence is offered from this long before the start (the associate opens the session a little early). */
export const COMMENCE_EARLY_MINUTES = 30;
/** Late to start: not commenced this long after the start (an associate more than 10 minutes late rebooks). */
export const LATE_TO_START_MINUTES = 10;
/** How long a completed, cancelled or missed appointment stays in "recently completed". */
export const RECENT_DAYS = 14;
export const DEFAULT_OVERDUE_DAYS = 7;

const after = (a: Temporal.Instant, b: Temporal.Instant) => Temporal.Instant.compare(a, b) > 0;

/** Not started: booked and not commenced. In progress: commenced, not signed off. Completed: everything ended. */
export function stageOf(a: AppointmentFacts): Stage {
  if (a.status === 'cancelled' || a.closedAs !== null || a.signedOffAt !== null) return 'completed';
  // Completed elsewhere (a visit completed without Quick View) has nothing left to sign off here.
  if (a.status === 'completed' && !a.hasRecord) return 'completed';
  if (a.commencedAt !== null) return 'in_progress';
  return a.status === 'completed' ? 'completed' : 'not_started';
}

/** Still not completed (signed off, cancelled or missed) `days` after it ended. */
export function isOverdue(a: AppointmentFacts, now: Temporal.Instant, days: number): boolean {
  return stageOf(a) !== 'completed' && after(now, a.endsAt.add({ hours: 24 * days }));
}

/** Days since the appointment ended, counted in whole days of elapsed time. */
export function daysSince(end: Temporal.Instant, now: Temporal.Instant): number {
  return Math.max(0, Math.floor(end.until(now).total('hours') / 24));
}

export function isLateToStart(a: AppointmentFacts, now: Temporal.Instant): boolean {
  return stageOf(a) === 'not_started' && after(now, a.startsAt.add({ minutes: LATE_TO_START_MINUTES }));
}

/** A cancellation may be with charge only when it is less than 24 hours before the start. */
export function chargeableCancellation(a: AppointmentFacts, now: Temporal.Instant): boolean {
  return after(now, a.startsAt.subtract({ hours: 24 }));
}

/** What the associate may do with the appointment now; the server refuses anything else. */
export function actionsFor(a: AppointmentFacts, now: Temporal.Instant): Action[] {
  const stage = stageOf(a);
  const out: Action[] = [];
  if (stage === 'not_started') {
    if (!after(a.startsAt.subtract({ minutes: COMMENCE_EARLY_MINUTES }), now)) out.push('commence');
    out.push('cancel');
    if (!after(a.startsAt, now)) out.push('no_show');
  }
  if (stage === 'in_progress') {
    out.push('complete');
    if (a.completedAt !== null) out.push('sign_off');
  }
  if (a.signedOffAt !== null) out.push('addendum');
  if (a.clientId !== null && a.status !== 'cancelled') out.push('rebook');
  return out;
}

export type ZonedTime = { date: string; time: string; zone: string; abbreviation: string };

/** An instant as a wall clock in `zone`, with the zone's abbreviation in the organisation's locale ("AEDT"). */
export function zonedTime(instant: Temporal.Instant, zone: string, locale: string): ZonedTime {
  const z = instant.toZonedDateTimeISO(zone);
  const part = new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: 'short' })
    .formatToParts(instant.epochMilliseconds)
    .find((p) => p.type === 'timeZoneName');
  return {
    date: z.toPlainDate().toString(),
    time: z.toPlainTime().toString({ smallestUnit: 'minute' }),
    zone,
    abbreviation: part?.value ?? zone,
  };
}

export type Sections<T> = { notStarted: T[]; inProgress: T[]; recentlyCompleted: T[] };

/** Splits appointments into Quick View's three sections; recently completed is newest first. */
export function sectionsOf<T extends AppointmentFacts>(
  rows: readonly T[],
  now: Temporal.Instant,
): Sections<T> {
  const out: Sections<T> = { notStarted: [], inProgress: [], recentlyCompleted: [] };
  const recentFrom = now.subtract({ hours: 24 * RECENT_DAYS });
  for (const r of rows) {
    const stage = stageOf(r);
    if (stage === 'not_started') out.notStarted.push(r);
    else if (stage === 'in_progress') out.inProgress.push(r);
    else if (!after(recentFrom, r.startsAt)) out.recentlyCompleted.push(r);
  }
  out.recentlyCompleted.reverse();
  return out;
}

export const MODALITY_DEFAULT: Modality = 'in_person';

export const MAX_NOTES_FILE_BYTES = 5 * 1024 * 1024;
export type NotesFileCheck = { ok: true; type: string } | { ok: false; reason: string };

const TYPES: Record<string, { ext: string[]; magic: number[] }> = {
  'application/pdf': { ext: ['pdf'], magic: [0x25, 0x50, 0x44, 0x46, 0x2d] },
  'application/msword': { ext: ['doc'], magic: [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1] },
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': {
    ext: ['docx'],
    magic: [0x50, 0x4b, 0x03, 0x04],
  },
};

/**
 * A notes file must be a PDF or a Word document (.doc or .docx) of at most 5 MB: its name's extension, its
 * declared type and its first bytes must agree, so a renamed image or program is refused.
 */
export function checkNotesFile(name: string, declaredType: string, bytes: Uint8Array): NotesFileCheck {
  const ext = name.toLowerCase().split('.').pop() ?? '';
  const entry = Object.entries(TYPES).find(([, t]) => t.ext.includes(ext));
  if (!entry) return { ok: false, reason: 'must be a PDF or Word document (.pdf, .doc or .docx)' };
  const [type, t] = entry;
  if (declaredType !== type && declaredType !== 'application/octet-stream' && declaredType !== '')
    return { ok: false, reason: `is named .${ext} but was sent as ${declaredType}` };
  if (bytes.length === 0) return { ok: false, reason: 'is empty' };
  if (bytes.length > MAX_NOTES_FILE_BYTES)
    return { ok: false, reason: `is larger than 5 MB (${(bytes.length / 1024 / 1024).toFixed(1)} MB)` };
  if (!t.magic.every((b, i) => bytes[i] === b))
    return { ok: false, reason: `is not a real .${ext} file (its contents are of another kind)` };
  return { ok: true, type };
}
