import { describe, expect, it } from 'vitest';
import { withLocation } from '../calendar/ics.js';
import { composeExtraSessionOutcome } from './case-messages.js';

const outcome = {
  requested: 3,
  granted: 2,
  funder: 'Acme EAP',
  issue: 'Workplace stress',
  clientName: 'Robin Quay',
  organisationName: 'Bayside Care',
  note: 'Review after two',
} as const;

describe('the extra-session outcome, worded for each party', () => {
  it('tells the client what was granted without the funder’s note, and the associate with it', () => {
    const client = composeExtraSessionOutcome(
      { ...outcome, outcome: 'modified' },
      { name: 'Robin', isClient: true },
    );
    expect(client.subject).toBe('Extra sessions approved by Acme EAP: 2 sessions');
    expect(client.body).toContain(
      'Acme EAP has approved 2 sessions of the 3 sessions requested more for your Workplace stress case.',
    );
    expect(client.body).not.toContain('Review after two');
    const associate = composeExtraSessionOutcome(
      { ...outcome, outcome: 'modified' },
      { name: 'Mei Chen', isClient: false },
    );
    expect(associate.body).toContain('Robin Quay’s Workplace stress case');
    expect(associate.body).toContain('Note from the funder: Review after two');
  });
  it('says a decline plainly, and what comes next', () => {
    const declined = composeExtraSessionOutcome(
      { ...outcome, outcome: 'declined', granted: 0 },
      { name: 'Robin', isClient: true },
    );
    expect(declined.subject).toBe('Extra sessions declined by Acme EAP');
    expect(declined.body).toContain('declined the request for 3 sessions');
    expect(declined.body).toContain('Your practitioner will talk with you about what comes next.');
  });
});

describe('an invitation with a meeting link', () => {
  it('adds a LOCATION inside the event, folded when long, and changes nothing else', () => {
    const ics = 'BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x@carebook\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n';
    const jitsi = 'https://meet.jit.si/carebook-00112233445566778899aabbccddeeff';
    expect(withLocation(ics, jitsi)).toBe(
      `BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:x@carebook\r\nLOCATION:${jitsi}\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n`,
    );
    const teams = `https://teams.microsoft.com/l/meetup-join/${'a'.repeat(80)}`;
    const folded = withLocation(ics, teams);
    expect(folded.split('\r\n').every((line) => line.length <= 75)).toBe(true);
    expect(folded.replace(/\r\n /g, '')).toContain(`LOCATION:${teams}\r\nEND:VEVENT`);
  });
});
