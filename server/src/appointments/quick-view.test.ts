import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import {
  type AppointmentFacts,
  actionsFor,
  checkNotesFile,
  isLateToStart,
  isOverdue,
  sectionsOf,
  stageOf,
  zonedTime,
} from './quick-view.js';

const at = (s: string) => Temporal.Instant.from(s);
const base: AppointmentFacts = {
  startsAt: at('2026-12-01T00:00:00Z'),
  endsAt: at('2026-12-01T01:00:00Z'),
  status: 'booked',
  commencedAt: null,
  completedAt: null,
  signedOffAt: null,
  closedAs: null,
  hasRecord: false,
  clientId: 'c',
};

describe('Quick View rules', () => {
  it('puts an appointment in its section by how far it has got', () => {
    expect(stageOf(base)).toBe('not_started');
    expect(stageOf({ ...base, commencedAt: base.startsAt, hasRecord: true })).toBe('in_progress');
    expect(stageOf({ ...base, status: 'completed', commencedAt: base.startsAt, hasRecord: true })).toBe(
      'in_progress',
    );
    expect(stageOf({ ...base, status: 'completed' })).toBe('completed');
    expect(stageOf({ ...base, status: 'cancelled', closedAs: 'no_show' })).toBe('completed');
  });

  it('offers commence from 30 minutes before, a no-show only once started, sign-off only once completed', () => {
    expect(actionsFor(base, at('2026-11-30T23:29:00Z'))).toEqual(['cancel', 'rebook']);
    expect(actionsFor(base, at('2026-11-30T23:30:00Z'))).toEqual(['commence', 'cancel', 'rebook']);
    expect(actionsFor(base, at('2026-12-01T00:00:00Z'))).toEqual(['commence', 'cancel', 'no_show', 'rebook']);
    const commenced = { ...base, commencedAt: base.startsAt, hasRecord: true };
    expect(actionsFor(commenced, at('2026-12-01T00:30:00Z'))).toEqual(['complete', 'rebook']);
    const done = { ...commenced, status: 'completed' as const, completedAt: base.endsAt };
    expect(actionsFor(done, at('2026-12-01T01:00:00Z'))).toEqual(['complete', 'sign_off', 'rebook']);
    expect(actionsFor({ ...done, signedOffAt: base.endsAt }, at('2026-12-02T00:00:00Z'))).toEqual([
      'addendum',
      'rebook',
    ]);
  });

  it('flags an appointment not completed N days after it ended, and one not commenced 10 minutes late', () => {
    expect(isOverdue(base, at('2026-12-08T01:00:00Z'), 7)).toBe(false);
    expect(isOverdue(base, at('2026-12-08T01:00:01Z'), 7)).toBe(true);
    expect(isOverdue({ ...base, status: 'cancelled' }, at('2026-12-20T00:00:00Z'), 7)).toBe(false);
    expect(isLateToStart(base, at('2026-12-01T00:10:00Z'))).toBe(false);
    expect(isLateToStart(base, at('2026-12-01T00:10:01Z'))).toBe(true);
  });

  it('keeps recently completed to 14 days, newest first', () => {
    const old = { ...base, status: 'completed' as const, startsAt: at('2026-11-01T00:00:00Z') };
    const recent = { ...base, status: 'completed' as const, startsAt: at('2026-11-28T00:00:00Z') };
    const newer = { ...recent, startsAt: at('2026-11-30T00:00:00Z') };
    const s = sectionsOf([old, recent, newer], at('2026-12-01T00:00:00Z'));
    expect(s.recentlyCompleted).toEqual([newer, recent]);
  });

  it('names the zone at the instant, across a daylight-saving change', () => {
    expect(zonedTime(at('2026-12-01T00:00:00Z'), 'Australia/Sydney', 'en-AU')).toEqual({
      date: '2026-12-01',
      time: '11:00',
      zone: 'Australia/Sydney',
      abbreviation: 'AEDT',
    });
    expect(zonedTime(at('2026-06-01T00:00:00Z'), 'Australia/Sydney', 'en-AU').abbreviation).toBe('AEST');
    expect(zonedTime(at('2026-06-01T00:00:00Z'), 'Australia/Perth', 'en-AU').abbreviation).toBe('AWST');
  });

  it('accepts a notes file only when its name, type and first bytes agree, up to 5 MB', () => {
    const pdf = new Uint8Array([0x25, 0x50, 0x44, 0x46, 0x2d, 0x31]);
    expect(checkNotesFile('n.pdf', 'application/pdf', pdf)).toEqual({ ok: true, type: 'application/pdf' });
    expect(checkNotesFile('n.PDF', '', pdf).ok).toBe(true);
    expect(checkNotesFile('n.docx', 'application/pdf', pdf)).toMatchObject({ ok: false });
    expect(checkNotesFile('n.png', 'image/png', pdf)).toMatchObject({ reason: /PDF or Word/ });
    expect(checkNotesFile('n.pdf', 'application/pdf', new Uint8Array(5 * 1024 * 1024 + 1))).toMatchObject({
      reason: /larger than 5 MB/,
    });
    expect(checkNotesFile('n.doc', 'application/msword', pdf)).toMatchObject({ reason: /not a real \.doc/ });
  });
});
