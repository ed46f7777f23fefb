import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { calendarFeed, vtimezone } from './ics.js';

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
});
