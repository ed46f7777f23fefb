import { describe, expect, it } from 'vitest';
import { describeAuditEvent } from './audit-describer.js';

const GRACE = '00000000-0000-4000-8000-000000000001';
const SAM = '00000000-0000-4000-8000-000000000002';
const names = new Map([
  [GRACE, 'Grace Harris'],
  [SAM, 'Sam Okafor'],
]);
const booking = {
  id: '00000000-0000-4000-8000-0000000000aa',
  clientId: GRACE,
  name: 'Personal care',
  bookingDate: '2026-12-01',
  startTime: '09:00',
  durationMinutes: 60,
  assignee: null,
  status: 'booked',
  cancellationReason: null,
  updatedAt: '2026-11-30T00:00:00Z',
};

describe('the audit trail in words', () => {
  it('says who moved which booking for whom, from when to when', () => {
    const d = describeAuditEvent(
      {
        action: 'update',
        entityType: 'booking',
        actorLabel: 'Sam Okafor',
        before: booking,
        after: { ...booking, startTime: '10:30', updatedAt: '2026-12-01T00:00:00Z' },
      },
      names,
    );
    expect(d.sentence).toBe(
      'Sam Okafor moved Personal care for Grace Harris on 01/12/2026 from 09:00 to 10:30',
    );
    expect(d.changes).toEqual([{ field: 'Start time', before: '09:00', after: '10:30' }]);
  });

  it('names the assignee and says so when a booking becomes an open shift', () => {
    const assigned = { ...booking, assignee: { type: 'staff', id: SAM, name: 'Sam Okafor' } };
    const toOpen = describeAuditEvent(
      { action: 'update', entityType: 'booking', actorLabel: 'Wen Li', before: assigned, after: booking },
      names,
    );
    expect(toOpen.sentence).toBe(
      'Wen Li made Personal care for Grace Harris on 01/12/2026 an open shift (unassigned)',
    );
    expect(toOpen.changes).toEqual([{ field: 'Assignee', before: 'Sam Okafor', after: '—' }]);
    const cancelled = describeAuditEvent(
      {
        action: 'update',
        entityType: 'booking',
        actorLabel: 'Wen Li',
        before: booking,
        after: { ...booking, status: 'cancelled', cancellationReason: 'Client in hospital' },
      },
      names,
    );
    expect(cancelled.sentence).toBe(
      'Wen Li cancelled Personal care for Grace Harris on 01/12/2026 (Client in hospital)',
    );
  });

  it('describes other records by their names, listing the changed fields', () => {
    const d = describeAuditEvent(
      {
        action: 'update',
        entityType: 'client',
        actorLabel: 'Sam Okafor',
        before: { givenName: 'Grace', familyName: 'Harris', ndisNumber: null, suburb: 'Newtown' },
        after: { givenName: 'Grace', familyName: 'Harris', ndisNumber: '431555111', suburb: 'Glebe' },
      },
      names,
    );
    expect(d.sentence).toBe('Sam Okafor changed client Grace Harris: NDIS number, suburb');
    expect(d.changes).toEqual([
      { field: 'NDIS number', before: '—', after: '431555111' },
      { field: 'Suburb', before: 'Newtown', after: 'Glebe' },
    ]);
    expect(
      describeAuditEvent(
        { action: 'sign_in', entityType: 'user', actorLabel: 'Sam Okafor', before: null, after: null },
        names,
      ).sentence,
    ).toBe('Sam Okafor signed in');
  });
});
