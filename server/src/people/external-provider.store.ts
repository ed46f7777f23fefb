import type { Tx } from '../platform/db/database.js';
import type { ProviderInput } from './people.schemas.js';

const columns = ['id', 'name', 'contact_name as contactName', 'email', 'phone'] as const;

export async function listProviders(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('external_providers')
    .where('organisation_id', '=', organisationId)
    .select(columns)
    .orderBy('name')
    .execute();
}

export async function insertProvider(tx: Tx, organisationId: string, p: ProviderInput) {
  return tx
    .insertInto('external_providers')
    .values({
      organisation_id: organisationId,
      name: p.name,
      contact_name: p.contactName ?? null,
      email: p.email ?? null,
      phone: p.phone ?? null,
    })
    .returning(columns)
    .executeTakeFirstOrThrow();
}
