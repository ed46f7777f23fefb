import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Tx } from '../platform/db/database.js';
import { notFound } from '../shared/domain-error.js';
import { currencyForCountry, localeForCountry } from '../shared/organisation-formats.js';
import type { Actor } from './actor.js';
import { lockUserTimeZone, setUserTimeZone } from './profile.store.js';
import { findMe } from './session.store.js';

export type MyProfile = {
  user: { id: string; email: string; timeZone: string | null };
  /** The zone calendars use for this user: their own, else the organisation's. */
  timeZone: string;
  staff: { id: string; givenName: string; familyName: string; timeZone: string };
  organisation: {
    id: string;
    name: string;
    timeZone: string;
    country: string;
    locale: string;
    currency: ReturnType<typeof currencyForCountry>;
  };
  permissions: string[];
};

export async function readMe(tx: Tx, actor: Actor): Promise<MyProfile> {
  const row = await findMe(tx, actor.organisationId, actor.userId);
  return {
    user: { id: row.userId, email: row.email, timeZone: row.userTimeZone },
    timeZone: row.userTimeZone ?? row.organisationTimeZone,
    staff: {
      id: row.staffId,
      givenName: row.givenName,
      familyName: row.familyName,
      timeZone: row.staffTimeZone,
    },
    organisation: {
      id: row.organisationId,
      name: row.organisationName,
      timeZone: row.organisationTimeZone,
      country: row.organisationCountry,
      locale: localeForCountry(row.organisationCountry),
      currency: row.billingCurrency ?? currencyForCountry(row.organisationCountry),
    },
    permissions: [...actor.permissions].sort(),
  };
}

/**
 * The signed-in user changes their own profile: only the time zone for now (an IANA name already made
 * canonical by the route, or null to follow the organisation's). Any signed-in user may; nobody else's.
 * Audited with the zone before and after; an unchanged value writes nothing.
 */
export async function changeMyProfile(
  tx: Tx,
  actor: Actor,
  patch: { timeZone?: string | null },
): Promise<MyProfile> {
  const before = await lockUserTimeZone(tx, actor.organisationId, actor.userId);
  if (!before) throw notFound('User');
  if (patch.timeZone !== undefined && patch.timeZone !== before.timeZone) {
    await setUserTimeZone(tx, actor.organisationId, actor.userId, patch.timeZone);
    await recordAudit(tx, {
      ...auditBy(actor),
      action: 'update',
      entityType: 'user',
      entityId: actor.userId,
      before: { timeZone: before.timeZone },
      after: { timeZone: patch.timeZone },
    });
  }
  return readMe(tx, actor);
}
