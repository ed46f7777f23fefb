import { type ExpressionBuilder, type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { ClientTable, Database } from '../platform/db/schema.js';
import type { ClientInput, ClientPatch, ClientSummary, ClientView } from './people.schemas.js';

type Row = Selectable<ClientTable>;

const FIELD_TO_COLUMN = {
  givenName: 'given_name',
  familyName: 'family_name',
  preferredName: 'preferred_name',
  dateOfBirth: 'date_of_birth',
  email: 'email',
  phone: 'phone',
  addressLine1: 'address_line1',
  addressLine2: 'address_line2',
  suburb: 'suburb',
  state: 'state',
  postcode: 'postcode',
  country: 'country',
  timeZone: 'time_zone',
  ndisNumber: 'ndis_number',
  localAuthorityReference: 'local_authority_reference',
  status: 'status',
  notes: 'notes',
  mmmBand: 'mmm_band',
} as const satisfies Record<keyof ClientInput, keyof ClientTable>;

function toColumns(input: ClientPatch) {
  const values: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(FIELD_TO_COLUMN)) {
    const value = input[field as keyof ClientPatch];
    if (value !== undefined) values[column] = value;
  }
  return values;
}

export function toClientView(r: Row): ClientView {
  return {
    id: r.id,
    givenName: r.given_name,
    familyName: r.family_name,
    preferredName: r.preferred_name,
    dateOfBirth: r.date_of_birth,
    email: r.email,
    phone: r.phone,
    addressLine1: r.address_line1,
    addressLine2: r.address_line2,
    suburb: r.suburb,
    state: r.state,
    postcode: r.postcode,
    country: r.country,
    timeZone: r.time_zone,
    ndisNumber: r.ndis_number,
    localAuthorityReference: r.local_authority_reference,
    status: r.status,
    notes: r.notes,
    createdAt: r.created_at.toString(),
    updatedAt: r.updated_at.toString(),
    mmmBand: r.mmm_band,
  };
}

export async function insertClient(tx: Tx, organisationId: string, input: ClientInput): Promise<ClientView> {
  const row = await tx
    .insertInto('clients')
    .values({ ...toColumns(input), organisation_id: organisationId } as Insertable<ClientTable>)
    .returningAll()
    .executeTakeFirstOrThrow();
  return toClientView(row);
}

export async function updateClient(tx: Tx, organisationId: string, id: string, patch: ClientPatch) {
  const row = await tx
    .updateTable('clients')
    .set({ ...(toColumns(patch) as Updateable<ClientTable>), updated_at: sql<string>`now()` })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst();
  return row ? toClientView(row) : undefined;
}

/** `forUpdate` locks the row so concurrent edits of one client apply one after the other. */
export async function findClient(tx: Tx, organisationId: string, id: string, forUpdate = false) {
  let q = tx
    .selectFrom('clients')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .selectAll();
  if (forUpdate) q = q.forUpdate();
  const row = await q.executeTakeFirst();
  return row ? toClientView(row) : undefined;
}

const like = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/**
 * What a coordinator types to find a client: every word must match a given, family or preferred name
 * (so "Harris Grace", "Grace Harris" and "Gracie Harris" all find her), or digits match part of the NDIS
 * number or of the phone number (spaces, dashes and a leading 0 or +61 aside).
 */
function matchesSearch(eb: ExpressionBuilder<Database, 'clients'>, search: string) {
  const digits = search.replace(/[\s()+-]/g, '');
  if (/^\d{3,}$/.test(digits)) {
    const national = digits.replace(/^(?:0|61|44)/, '');
    const phoneDigits = sql<string>`regexp_replace(coalesce(phone, ''), '[^0-9]', '', 'g')`;
    return eb.or([
      eb('ndis_number', 'like', like(digits)),
      eb(phoneDigits, 'like', like(digits)),
      eb(phoneDigits, 'like', like(national)),
    ]);
  }
  const words = search
    .split(/[\s,]+/)
    .filter(Boolean)
    .slice(0, 5);
  return eb.and(
    words.map((word) =>
      eb.or([
        eb('given_name', 'ilike', like(word)),
        eb('family_name', 'ilike', like(word)),
        eb('preferred_name', 'ilike', like(word)),
      ]),
    ),
  );
}

export type ClientListFilter = {
  q?: string;
  status?: 'active' | 'inactive';
  after?: [string, string, string];
  limit: number;
};

export async function listClients(tx: Tx, organisationId: string, f: ClientListFilter) {
  let q = tx
    .selectFrom('clients')
    .where('organisation_id', '=', organisationId)
    .selectAll()
    .orderBy('family_name')
    .orderBy('given_name')
    .orderBy('id')
    .limit(f.limit + 1);
  if (f.status) q = q.where('status', '=', f.status);
  const search = f.q?.trim();
  if (search) q = q.where((eb) => matchesSearch(eb, search));
  if (f.after) {
    const [family, given, id] = f.after;
    q = q.where(sql<boolean>`(family_name, given_name, id) > (${family}, ${given}, ${id}::uuid)`);
  }
  const rows = await q.execute();
  return rows;
}

/** The client's zone and display name, or undefined when the client is not in this organisation. */
export async function findClientZone(tx: Tx, organisationId: string, clientId: string) {
  return tx
    .selectFrom('clients')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', clientId)
    .select([
      'id',
      'time_zone as timeZone',
      sql<string>`coalesce(preferred_name, given_name) || ' ' || family_name`.as('name'),
    ])
    .executeTakeFirst();
}

const summaryColumns = [
  'id',
  sql<string>`coalesce(preferred_name, given_name) || ' ' || family_name`.as('name'),
  'date_of_birth as dateOfBirth',
  'suburb',
] as const;

/** The client (other than `excludeId`) who already has this NDIS number in the organisation. */
export async function findClientByNdisNumber(
  tx: Tx,
  organisationId: string,
  ndisNumber: string,
  excludeId?: string,
): Promise<ClientSummary | undefined> {
  let q = tx
    .selectFrom('clients')
    .where('organisation_id', '=', organisationId)
    .where('ndis_number', '=', ndisNumber)
    .select(summaryColumns);
  if (excludeId) q = q.where('id', '<>', excludeId);
  return q.executeTakeFirst();
}

/** Clients with this name (given or preferred, and family, ignoring case and spaces) and date of birth. */
export async function findClientsByNameAndBirth(
  tx: Tx,
  organisationId: string,
  p: { givenName: string; familyName: string; dateOfBirth: string; excludeId?: string },
): Promise<ClientSummary[]> {
  const given = p.givenName.trim().toLowerCase();
  let q = tx
    .selectFrom('clients')
    .where('organisation_id', '=', organisationId)
    .where('date_of_birth', '=', p.dateOfBirth)
    .where(sql<string>`lower(trim(family_name))`, '=', p.familyName.trim().toLowerCase())
    .where((eb) =>
      eb.or([
        eb(sql<string>`lower(trim(given_name))`, '=', given),
        eb(sql<string>`lower(trim(preferred_name))`, '=', given),
      ]),
    )
    .select(summaryColumns)
    .orderBy('created_at')
    .limit(5);
  if (p.excludeId) q = q.where('id', '<>', p.excludeId);
  return q.execute();
}

/** Serialises saves of one NDIS number in an organisation, so two at once cannot both pass the check. */
export async function lockNdisNumber(tx: Tx, organisationId: string, ndisNumber: string) {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`${organisationId}:ndis:${ndisNumber}`}, 0))`.execute(
    tx,
  );
}

/** The organisation's country (ISO 3166 code), which phone numbers and addresses default to. */
export async function findOrganisationCountry(tx: Tx, organisationId: string): Promise<string> {
  const row = await tx
    .selectFrom('organisations')
    .where('id', '=', organisationId)
    .select('country')
    .executeTakeFirstOrThrow();
  return row.country;
}
