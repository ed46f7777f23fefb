import { Temporal } from 'temporal-polyfill';
import { describe, expect, it } from 'vitest';
import { composeLeaveMessage } from './messages.js';
import { noticeText } from './notice-text.js';

const I = (s: string) => Temporal.Instant.from(s);
const booking = {
  name: 'Home visit',
  clientName: 'Ada Bell',
  startsAt: I('2026-03-09T22:00:00Z'),
  previousStartsAt: I('2026-03-09T21:00:00Z'),
  assigneeName: null,
  reason: null,
};

describe('the bell’s sentences, in the reader’s zone', () => {
  it('names the booking, the client and the time with its zone abbreviation', () => {
    expect(noticeText('assigned', booking, 'Australia/Sydney')).toBe(
      'You have been assigned "Home visit" with Ada Bell on Tue 10 Mar 2026, 9:00 am AEDT.',
    );
    // A reader in Perth reads Perth time.
    expect(noticeText('moved', booking, 'Australia/Perth')).toBe(
      '"Home visit" with Ada Bell has moved to Tue 10 Mar 2026, 6:00 am AWST (it was Tue 10 Mar 2026, 5:00 am AWST).',
    );
    expect(noticeText('unassigned', booking, 'Australia/Sydney')).toMatch(
      /is no longer yours: it is an open shift now\.$/,
    );
  });
});

describe('one message about a leave', () => {
  it('lists every visit, soonest first, in the recipient’s zone; a contact reads the client’s name', () => {
    const m = {
      kind: 'leave_cancellation' as const,
      clientName: 'Cleo Bell',
      organisationName: 'Harbour Care',
      leave: { label: 'respite', startsOn: '2026-03-15', endsOn: null },
      visits: [
        { name: 'Shopping', startsAt: I('2026-03-17T03:00:00Z') },
        { name: 'Home visit', startsAt: I('2026-03-15T22:00:00Z') },
      ],
    };
    const own = composeLeaveMessage(m, { name: 'Cleo', isClient: true, timeZone: 'Australia/Sydney' });
    expect(own.subject).toBe('2 visits cancelled during your respite leave');
    expect(own.body).toContain('from Sunday 15 March 2026 until further notice');
    expect(own.body.indexOf('Home visit')).toBeLessThan(own.body.indexOf('Shopping'));
    const contact = composeLeaveMessage(
      { ...m, kind: 'leave_restored', visits: m.visits.slice(0, 1) },
      { name: 'Linh', isClient: false, timeZone: 'Australia/Perth' },
    );
    expect(contact.subject).toBe('A visit is back on after Cleo Bell’s respite leave');
    expect(contact.body).toContain('- Shopping: Tuesday 17 March 2026, 11:00 am Australia/Perth time (AWST)');
  });
});
