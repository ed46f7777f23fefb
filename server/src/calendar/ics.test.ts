import ICAL from 'ical.js';
import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { calendarFeed, vtimezone } from './ics.js';
import { feedValidators, notModified, publicBaseUrl } from './ics-http.js';

const I = (s: string) => Temporal.Instant.from(s);

describe('vtimezone', () => {
  it("describes Lord Howe's 30-minute shifts with the wall time before each change", () => {
    const lines = vtimezone('Australia/Lord_Howe', I('2026-01-01T00:00:00Z'), I('2027-01-01T00:00:00Z'));
    const text = lines.join('\n');
    // Clocks go back from 02:00 +11:00 to +10:30 on 5 April, forward from 02:00 +10:30 to +11:00 on 4 October.
    expect(text).toContain(
      'BEGIN:STANDARD\nDTSTART:20260405T020000\nTZOFFSETFROM:+1100\nTZOFFSETTO:+1030\nEND:STANDARD',
    );
    expect(text).toContain(
      'BEGIN:DAYLIGHT\nDTSTART:20261004T020000\nTZOFFSETFROM:+1030\nTZOFFSETTO:+1100\nEND:DAYLIGHT',
    );
  });

  it('has a single observance for a zone without DST', () => {
    const lines = vtimezone('Australia/Brisbane', I('2026-01-01T00:00:00Z'), I('2027-01-01T00:00:00Z'));
    expect(
      lines.filter((l) => l.startsWith('BEGIN:STANDARD') || l.startsWith('BEGIN:DAYLIGHT')),
    ).toHaveLength(1);
    expect(lines).toContain('TZOFFSETTO:+1000');
  });
});

describe('calendarFeed', () => {
  it('escapes text, folds long lines at 75 octets with CRLF, and marks cancellations', () => {
    const feed = calendarFeed(
      'Carebook: Ann',
      [
        {
          uid: 'b1@carebook',
          sequence: 3,
          startsAt: I('2026-10-04T22:00:00Z'),
          endsAt: I('2026-10-04T23:00:00Z'),
          timeZone: 'Australia/Sydney',
          summary: 'Shower; hair, nails',
          description: `Line one\n${'é'.repeat(60)}`,
          cancelled: true,
          updatedAt: I('2026-09-01T00:00:00Z'),
        },
      ],
      I('2026-09-20T00:00:00Z'),
    );
    expect(feed).toContain('SUMMARY:Shower\\; hair\\, nails\r\n');
    expect(feed).toContain('DTSTART;TZID=Australia/Sydney:20261005T090000\r\n');
    expect(feed).toContain('STATUS:CANCELLED\r\nEND:VEVENT');
    expect(feed).toContain('SEQUENCE:3');
    for (const line of feed.split('\r\n'))
      expect(new TextEncoder().encode(line).length).toBeLessThanOrEqual(75);
    expect(feed.endsWith('END:VCALENDAR\r\n')).toBe(true);
  });

  it('describes a visit suspended by client leave as "Suspended (leave)", keeping its notes', () => {
    const feed = calendarFeed(
      'Carebook: Ann',
      [
        {
          uid: 'b2@carebook',
          sequence: 1,
          startsAt: I('2026-10-04T22:00:00Z'),
          endsAt: I('2026-10-04T23:00:00Z'),
          timeZone: 'Australia/Sydney',
          summary: 'Visit',
          description: 'Key in the lockbox',
          cancelled: true,
          suspendedByLeave: true,
          updatedAt: I('2026-09-01T00:00:00Z'),
        },
      ],
      I('2026-09-20T00:00:00Z'),
    );
    const parsed = new ICAL.Component(ICAL.parse(feed)).getFirstSubcomponent('vevent')!;
    expect(parsed.getFirstPropertyValue('description')).toBe(
      'Suspended (leave): the client is on leave, so this visit will not go ahead.\n\nKey in the lockbox',
    );
    expect(parsed.getFirstPropertyValue('status')).toBe('CANCELLED');
  });
});

describe('feeds read back right by a real parser', () => {
  const event = (startsAt: string, endsAt: string, timeZone: string) => ({
    uid: `${startsAt}@carebook`,
    sequence: 0,
    startsAt: I(startsAt),
    endsAt: I(endsAt),
    timeZone,
    summary: 'Visit',
    description: null,
    cancelled: false,
    updatedAt: I('2026-01-01T00:00:00Z'),
  });
  const readBack = (feed: string) => {
    const calendar = new ICAL.Component(ICAL.parse(feed));
    for (const zone of calendar.getAllSubcomponents('vtimezone')) ICAL.TimezoneService.register(zone);
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    for (const zone of calendar.getAllSubcomponents('vtimezone'))
      ICAL.TimezoneService.remove(String(zone.getFirstPropertyValue('tzid')));
    return events.map((e) => ({
      start: e.startDate.toJSDate().toISOString(),
      end: e.endDate.toJSDate().toISOString(),
    }));
  };

  // Both DST changes of 2026 in Sydney (5 April back, 4 October forward) and London (29 March forward,
  // 25 October back), with visits ending inside the repeated hour and starting in its second pass.
  it.each([
    ['Australia/Sydney', '2026-04-04T14:45:00Z', '2026-04-04T16:15:00Z'], // 01:45 AEDT → 02:15 AEST (second pass)
    ['Australia/Sydney', '2026-04-04T15:45:00Z', '2026-04-04T16:30:00Z'], // 02:45 AEDT → 02:30 AEST
    ['Australia/Sydney', '2026-04-04T16:10:00Z', '2026-04-04T16:50:00Z'], // 02:10 → 02:50 AEST (both second pass)
    ['Australia/Sydney', '2026-04-04T13:00:00Z', '2026-04-04T17:00:00Z'], // across the whole night
    ['Australia/Sydney', '2026-10-03T15:30:00Z', '2026-10-03T16:30:00Z'], // 01:30 AEST → 03:30 AEDT
    ['Europe/London', '2026-10-25T00:30:00Z', '2026-10-25T01:15:00Z'], // 01:30 BST → 01:15 GMT (second pass)
    ['Europe/London', '2026-10-25T01:05:00Z', '2026-10-25T01:55:00Z'], // 01:05 → 01:55 GMT (both second pass)
    ['Europe/London', '2026-03-29T00:30:00Z', '2026-03-29T01:30:00Z'], // 00:30 GMT → 02:30 BST
  ])('%s %s – %s', (zone, start, end) => {
    const feed = calendarFeed('Carebook: Ann', [event(start, end, zone)], I('2026-01-01T00:00:00Z'));
    const [read] = readBack(feed);
    expect(read).toEqual({
      start: I(start).toString().replace('Z', '.000Z'),
      end: I(end).toString().replace('Z', '.000Z'),
    });
    expect(Temporal.Instant.compare(I(read!.end), I(read!.start))).toBe(1);
  });

  it('labels the first observance DAYLIGHT when the feed starts in summer time', () => {
    const lines = vtimezone('Australia/Sydney', I('2026-01-01T00:00:00Z'), I('2026-12-31T00:00:00Z'));
    expect(lines.slice(2, 4)).toEqual(['BEGIN:DAYLIGHT', 'DTSTART:20260101T000000']);
    const london = vtimezone('Europe/London', I('2026-01-01T00:00:00Z'), I('2026-12-31T00:00:00Z'));
    expect(london.slice(2, 4)).toEqual(['BEGIN:STANDARD', 'DTSTART:20260101T000000']);
    const summer = vtimezone('Europe/London', I('2026-07-01T00:00:00Z'), I('2026-12-31T00:00:00Z'));
    expect(summer[2]).toBe('BEGIN:DAYLIGHT');
  });
});

describe('feed validators', () => {
  const base = {
    uid: 'b1@carebook',
    sequence: 0,
    startsAt: I('2026-10-04T22:00:00Z'),
    endsAt: I('2026-10-04T23:00:00Z'),
    timeZone: 'Australia/Sydney',
    summary: 'Visit',
    description: null,
    cancelled: false,
    updatedAt: I('2026-09-01T00:00:00Z'),
  };

  it('an ETag that holds while the feed says the same thing, and changes with it', () => {
    const a = feedValidators(calendarFeed('X', [base], I('2026-09-20T00:00:00Z')), [base]);
    const b = feedValidators(calendarFeed('X', [base], I('2026-09-21T00:00:00Z')), [base]);
    const changed = { ...base, sequence: 1, updatedAt: I('2026-09-02T00:00:00Z') };
    const c = feedValidators(calendarFeed('X', [changed], I('2026-09-21T00:00:00Z')), [changed]);
    expect(a.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
    expect(b.etag).toBe(a.etag);
    expect(c.etag).not.toBe(a.etag);
    expect(a.lastModified).toBe('Tue, 01 Sep 2026 00:00:00 GMT');
    expect(c.lastModified).toBe('Wed, 02 Sep 2026 00:00:00 GMT');
  });

  it('answers "not modified" by If-None-Match, or by If-Modified-Since when there is no If-None-Match', () => {
    const v = { etag: '"abc"', lastModified: 'Tue, 01 Sep 2026 00:00:00 GMT' };
    expect(notModified({ 'if-none-match': '"abc"' }, v)).toBe(true);
    expect(notModified({ 'if-none-match': 'W/"abc", "def"' }, v)).toBe(true);
    expect(notModified({ 'if-none-match': '*' }, v)).toBe(true);
    expect(notModified({ 'if-none-match': '"def"' }, v)).toBe(false);
    expect(notModified({ 'if-none-match': '"def"', 'if-modified-since': v.lastModified }, v)).toBe(false);
    expect(notModified({ 'if-modified-since': v.lastModified }, v)).toBe(true);
    expect(notModified({ 'if-modified-since': 'Wed, 02 Sep 2026 00:00:00 GMT' }, v)).toBe(true);
    expect(notModified({ 'if-modified-since': 'Mon, 31 Aug 2026 23:59:59 GMT' }, v)).toBe(false);
    expect(notModified({ 'if-modified-since': 'nonsense' }, v)).toBe(false);
    expect(notModified({}, v)).toBe(false);
  });
});

describe('publicBaseUrl', () => {
  it('is the configured URL, else the listening address, never a request header', () => {
    expect(publicBaseUrl('https://care.example.org/', { host: '127.0.0.1', port: 3000 })).toBe(
      'https://care.example.org',
    );
    expect(publicBaseUrl(undefined, { host: '127.0.0.1', port: 3000 })).toBe('http://127.0.0.1:3000');
    expect(publicBaseUrl(undefined, { host: '0.0.0.0', port: 8080 })).toBe('http://localhost:8080');
    expect(publicBaseUrl(undefined, { host: '::1', port: 8080 })).toBe('http://[::1]:8080');
  });
});
