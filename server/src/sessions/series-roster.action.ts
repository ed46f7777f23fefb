import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import { seriesBookingsFrom } from '../bookings/occurrence.store.js';
import { removeParticipantRow } from '../bookings/session-write.store.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { findSeries } from '../scheduling/schedule.store.js';
import { dayBefore, startOfLocalDay } from '../scheduling/series.js';
import { endRosterEntry, rosterOf } from '../scheduling/series-session.store.js';
import { notFound } from '../shared/domain-error.js';
import { loadSession } from './read-sessions.action.js';

export type RosterView = Awaited<ReturnType<typeof rosterOf>>;

/** Who takes part in a recurring session beyond its lead client and lead worker, each from (and until) a date. */
export async function seriesRoster(tx: Tx, actor: Actor, seriesId: string): Promise<RosterView> {
  if (!(await findSeries(tx, actor.organisationId, seriesId))) throw notFound('Scheduled service');
  return rosterOf(tx, actor.organisationId, seriesId);
}

/**
 * Takes someone off a recurring session's roster from `fromDate` onward: the roster entry ends the day before
 * (the sessions it generates later leave them out), and they come off every booked session of the series on or
 * after that date. Sessions before it, completed and cancelled sessions, and a client's cancelled attendance
 * (it carries the cancellation record) are left as they are; so is a lead, who is changed on the session.
 */
export async function removeFromRoster(
  tx: Tx,
  actor: Actor,
  seriesId: string,
  entryId: string,
  fromDate: string,
): Promise<{ roster: RosterView; sessionIds: string[] }> {
  const org = actor.organisationId;
  const series = await findSeries(tx, org, seriesId, true);
  if (!series) throw notFound('Scheduled service');
  const before = await rosterOf(tx, org, seriesId);
  const entry = before.find((e) => e.id === entryId);
  if (!entry) throw notFound('Roster entry');
  await endRosterEntry(tx, org, seriesId, entryId, dayBefore(fromDate));

  const sessionIds: string[] = [];
  const later = await seriesBookingsFrom(
    tx,
    org,
    seriesId,
    startOfLocalDay(fromDate, series.timeZone),
    series.timeZone,
  );
  for (const b of later) {
    if (b.status !== 'booked') continue;
    const session = await loadSession(tx, org, b.bookingId);
    const rows =
      entry.type === 'client'
        ? session.clients.map((c) => ({
            id: c.participantId,
            subjectId: c.clientId,
            lead: c.lead,
            status: c.status,
          }))
        : entry.type === 'staff'
          ? session.workers.map((w) => ({
              id: w.participantId,
              subjectId: w.subjectId,
              lead: w.lead,
              status: w.status,
            }))
          : session.resources.map((r) => ({
              id: r.participantId,
              subjectId: r.resourceId,
              lead: false,
              status: r.status,
            }));
    const mine = rows.filter((r) => r.subjectId === entry.subjectId && !r.lead && r.status !== 'cancelled');
    if (mine.length === 0) continue;
    for (const r of mine) await removeParticipantRow(tx, org, b.bookingId, r.id);
    await recordAudit(tx, {
      ...auditBy(actor),
      action: 'update',
      entityType: 'booking',
      entityId: b.bookingId,
      before: session,
      after: await loadSession(tx, org, b.bookingId),
    });
    sessionIds.push(b.bookingId);
  }
  const roster = await rosterOf(tx, org, seriesId);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'scheduled_service',
    entityId: seriesId,
    before: { roster: before },
    after: { roster, removed: { entryId, fromDate } },
  });
  return { roster, sessionIds };
}
