import { describe, expect, it } from 'vitest';
import type { OrganisationFormats } from '../shared/organisation-formats.js';
import { type DescribeContext, describeAuditEvent } from './audit-describer.js';

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

describe('values in the audit trail, as the organisation writes them', () => {
  const sydney: DescribeContext = {
    names,
    formats: { locale: 'en-AU', currency: 'AUD', timeZone: 'Australia/Sydney' } satisfies OrganisationFormats,
  };
  const london: DescribeContext = {
    names,
    formats: { locale: 'en-GB', currency: 'GBP', timeZone: 'Europe/London' },
  };
  const change = (before: object, after: object, ctx = sydney) =>
    describeAuditEvent({ action: 'update', entityType: 'invoice', actorLabel: 'Wen Li', before, after }, ctx)
      .changes;

  it("shows instants in the organisation's zone in words, never as ISO", () => {
    expect(change({ paidAt: null }, { paidAt: '2026-11-30T22:00:00.000Z' })).toEqual([
      { field: 'Paid at', before: '—', after: 'Tue 1 Dec 2026, 09:00 AEDT' },
    ]);
    expect(change({ paidAt: null }, { paidAt: '2026-06-30T23:30:00+00:00' }, london)).toEqual([
      { field: 'Paid at', before: '—', after: 'Wed 1 Jul 2026, 00:30 BST' },
    ]);
  });

  it('shows money as money in the organisation currency, and dates day/month/year', () => {
    expect(change({ totalMinor: 5440 }, { totalMinor: 123456 })).toEqual([
      { field: 'Total', before: '$54.40', after: '$1,234.56' },
    ]);
    expect(change({ rateMinor: 2450 }, { rateMinor: -5 }, london)).toEqual([
      { field: 'Rate', before: '£24.50', after: '-£0.05' },
    ]);
    expect(change({ dueDate: '2026-12-15' }, { dueDate: '2027-01-05' })).toEqual([
      { field: 'Due date', before: '15/12/2026', after: '05/01/2027' },
    ]);
  });

  it('replaces ids with names, says when nothing is known by an id, and never shows JSON', () => {
    const GONE = '00000000-0000-4000-8000-0000000000ff';
    expect(change({ clientId: GRACE }, { clientId: GONE })).toEqual([
      { field: 'Client', before: 'Grace Harris', after: 'an unnamed or deleted record' },
    ]);
    const [options] = change(
      { options: { hourlyRateMinor: 6000, roundTo: 15, from: '2026-07-01' } },
      { options: { hourlyRateMinor: 6500, roundTo: 15, from: '2026-07-01', assigneeId: SAM } },
    );
    expect(options?.before).toBe('Hourly rate: $60.00; Round to: 15; First day: 01/07/2026');
    expect(options?.after).toBe(
      'Hourly rate: $65.00; Round to: 15; First day: 01/07/2026; Assignee: Sam Okafor',
    );
    expect(`${options?.before}${options?.after}`).not.toMatch(/[{}"]|[0-9a-f]{8}-/);
  });
});
