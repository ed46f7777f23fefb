import type { CountryCode } from 'libphonenumber-js/max';
import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { DomainError, type FieldIssue, GENERIC_INVALID, notFound } from '../shared/domain-error.js';
import {
  findClient,
  findClientByNdisNumber,
  findClientsByNameAndBirth,
  findOrganisationCountry,
  insertClient,
  lockNdisNumber,
  updateClient,
} from './client.store.js';
import { addressIssues, countryCodeOf, countryOfZone, phoneIssue } from './contact-rules.js';
import type {
  ClientInput,
  ClientPatch,
  ClientSummary,
  ClientView,
  LikelyDuplicatesQuery,
} from './people.schemas.js';

type ContactFields = Pick<ClientInput, 'phone' | 'state' | 'postcode' | 'country' | 'timeZone'>;

/**
 * Checks the phone number, postcode and state of the record as it will be saved, against the client's own
 * country, else the country of their time zone, else the organisation's. Only fields the request sets are
 * reported, so an old record with an odd postcode can still have its notes edited.
 */
async function checkContact(tx: Tx, actor: Actor, record: ContactFields, changed: Set<string>) {
  const country = (countryCodeOf(record.country) ??
    countryOfZone(record.timeZone) ??
    (await findOrganisationCountry(tx, actor.organisationId))) as CountryCode;
  const issues: FieldIssue[] = [];
  if (record.phone && changed.has('phone')) {
    const reason = phoneIssue(record.phone, country);
    if (reason) issues.push({ field: 'phone', reason });
  }
  const addressChanged = ['state', 'postcode', 'country'].some((f) => changed.has(f));
  if (addressChanged) {
    for (const issue of addressIssues(record, country))
      issues.push(
        changed.has(issue.field) ? issue : { ...issue, field: changed.has('state') ? 'state' : 'postcode' },
      );
  }
  if (issues.length > 0) throw new DomainError('invalid', GENERIC_INVALID, issues);
}

const spaced = (ndis: string) => `${ndis.slice(0, 3)} ${ndis.slice(3, 6)} ${ndis.slice(6)}`;

/** One client per NDIS number in an organisation: a second is refused, naming the client who has it. */
async function checkNdisNumber(tx: Tx, actor: Actor, ndisNumber: string, excludeId?: string) {
  await lockNdisNumber(tx, actor.organisationId, ndisNumber);
  const other = await findClientByNdisNumber(tx, actor.organisationId, ndisNumber, excludeId);
  if (other)
    throw new DomainError(
      'conflict',
      `NDIS number ${spaced(ndisNumber)} already belongs to ${other.name}.`,
      [{ field: 'ndisNumber', reason: `already belongs to ${other.name}` }],
      { duplicateOf: other },
    );
}

export async function createClient(tx: Tx, actor: Actor, input: ClientInput): Promise<ClientView> {
  await checkContact(tx, actor, input, new Set(Object.keys(input)));
  if (input.ndisNumber) await checkNdisNumber(tx, actor, input.ndisNumber);
  const client = await insertClient(tx, actor.organisationId, input);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'client',
    entityId: client.id,
    after: client,
  });
  return client;
}

export async function changeClient(
  tx: Tx,
  actor: Actor,
  id: string,
  patch: ClientPatch,
): Promise<ClientView> {
  const before = await findClient(tx, actor.organisationId, id, true);
  if (!before) throw notFound('Client');
  const changed = new Set(Object.keys(patch).filter((k) => patch[k as keyof ClientPatch] !== undefined));
  await checkContact(tx, actor, { ...before, ...withoutUndefined(patch) }, changed);
  if (patch.ndisNumber && patch.ndisNumber !== before.ndisNumber)
    await checkNdisNumber(tx, actor, patch.ndisNumber, id);
  const after = (await updateClient(tx, actor.organisationId, id, patch))!;
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'client',
    entityId: id,
    before,
    after,
  });
  return after;
}

function withoutUndefined<T extends object>(patch: T): Partial<T> {
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<T>;
}

export type LikelyDuplicates = { ndisNumber: ClientSummary | null; sameNameAndBirth: ClientSummary[] };

/**
 * What the client form asks while someone types: the client who already has this NDIS number (a save would
 * be refused) and clients with the same name and date of birth (a save is allowed: they may be two people).
 */
export async function findLikelyDuplicates(
  tx: Tx,
  actor: Actor,
  q: LikelyDuplicatesQuery,
): Promise<LikelyDuplicates> {
  const ndis =
    q.ndisNumber && /^\d{9}$/.test(q.ndisNumber)
      ? await findClientByNdisNumber(tx, actor.organisationId, q.ndisNumber, q.excludeId)
      : undefined;
  const sameNameAndBirth =
    q.givenName && q.familyName && q.dateOfBirth
      ? await findClientsByNameAndBirth(tx, actor.organisationId, {
          givenName: q.givenName,
          familyName: q.familyName,
          dateOfBirth: q.dateOfBirth,
          ...(q.excludeId ? { excludeId: q.excludeId } : {}),
        })
      : [];
  return { ndisNumber: ndis ?? null, sameNameAndBirth };
}
