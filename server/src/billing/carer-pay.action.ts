import { Temporal } from 'temporal-polyfill';
import { findCarerContracts } from '../contracts/contract.store.js';
import type { RatingCalendar } from '../contracts/rating.types.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { startOfLocalDay } from '../scheduling/series.js';
import { conflict, DomainError, invalid, notFound } from '../shared/domain-error.js';
import { createZoneClock, type ZoneClock } from '../shared/time/zone-clock.js';
import { regionCalendar } from './billing.store.js';
import { rateCarerVisit } from './carer-pay.js';
import { findStaffName, listDeliveredVisits } from './carer-pay.store.js';
import type { CarerPayReport } from './carer-pay.types.js';
import { calendarOf, visitDate, visitOf } from './visit-rating.js';

export const MAX_PAY_PERIOD_DAYS = 366;

/**
 * Pay lines for a staff member's delivered (completed) visits whose start falls on the local days `from`
 * to `to` (inclusive, in the staff member's zone), rated under their carer contract. A visit that cannot be
 * rated is listed as a problem rather than failing the whole report.
 */
export async function carerPay(
  tx: Tx,
  actor: Actor,
  staffId: string,
  period: { from: string; to: string },
): Promise<CarerPayReport> {
  const staff = await findStaffName(tx, actor.organisationId, staffId);
  if (!staff) throw notFound('Staff member');
  const days = Temporal.PlainDate.from(period.from).until(period.to).days;
  if (days < 0) throw invalid('to', 'must not be before from');
  if (days >= MAX_PAY_PERIOD_DAYS) throw invalid('to', `must be within ${MAX_PAY_PERIOD_DAYS} days of from`);
  const schedule = (await findCarerContracts(tx, actor.organisationId, [staffId])).get(staffId);
  if (!schedule)
    throw conflict(`${staff.name} has no carer contract: set one before working out their pay`, {
      staffId,
    });

  const nextDay = Temporal.PlainDate.from(period.to).add({ days: 1 }).toString();
  const delivered = await listDeliveredVisits(
    tx,
    actor.organisationId,
    staffId,
    startOfLocalDay(period.from, staff.timeZone),
    startOfLocalDay(nextDay, staff.timeZone),
  );
  const clocks = new Map<string, ZoneClock>();
  const calendars = new Map<string, RatingCalendar>();
  const report: CarerPayReport = { staff, ...period, totalMinor: 0, visits: [], problems: [] };
  for (const v of delivered) {
    const clock = clocks.get(v.timeZone) ?? createZoneClock(v.timeZone);
    clocks.set(v.timeZone, clock);
    const region = v.region ?? '';
    const calendar =
      calendars.get(region) ?? calendarOf(await regionCalendar(tx, actor.organisationId, v.region));
    calendars.set(region, calendar);
    const date = visitDate(clock, v.startsAt);
    try {
      const rated = rateCarerVisit(clock, calendar, schedule, visitOf(v));
      report.visits.push({
        bookingId: v.id,
        name: v.name,
        client: { id: v.clientId, name: v.clientName },
        visitDate: date,
        timeZone: v.timeZone,
        totalMinor: rated.totalMinor,
        lines: rated.lines,
      });
      report.totalMinor += rated.totalMinor;
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      report.problems.push({ bookingId: v.id, name: v.name, visitDate: date, issues: error.issues });
    }
  }
  return report;
}
