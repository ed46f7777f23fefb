import { type Insertable, type Selectable, sql, type Updateable } from 'kysely';
import type { Tx } from '../platform/db/database.js';
import type { ClientTable } from '../platform/db/schema.js';
import type { ClientInput, ClientPatch, ClientView } from './people.schemas.js';

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
  const search = f.q;
  if (search) {
    const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) =>
      eb.or([
        eb('given_name', 'ilike', pattern),
        eb('family_name', 'ilike', pattern),
        eb('preferred_name', 'ilike', pattern),
        eb(sql`given_name || ' ' || family_name`, 'ilike', pattern),
        eb('ndis_number', '=', search.replace(/\s+/g, '')),
      ]),
    );
  }
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
