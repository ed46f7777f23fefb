import { sql } from 'kysely';
import { pgErrorCode, type Tx } from '../platform/db/database.js';
import { conflict } from '../shared/domain-error.js';
import type { ContractRecord, ContractTypeRecord } from './contract.types.js';
import type { CalendarDayKind, ContractCategory } from './contract-tables.types.js';

export type { ContractRecord, ContractTypeRecord };

import type { CarerContractOptions, ContractOptions, OptionSet } from './rating.types.js';

export type ContractTypeWrite = {
  name: string;
  category: ContractCategory;
  payerName: string | null;
  payerAddress: string | null;
  taxFreeReason: string | null;
  optionSets: OptionSet<ContractOptions>[];
};

function nameTaken(error: unknown, name: string): never {
  if (pgErrorCode(error) === '23505') throw conflict(`A contract type named "${name}" already exists`);
  throw error;
}

export async function insertContractType(tx: Tx, organisationId: string, t: ContractTypeWrite) {
  try {
    const row = await tx
      .insertInto('contract_types')
      .values({
        organisation_id: organisationId,
        name: t.name,
        category: t.category,
        payer_name: t.payerName,
        payer_address: t.payerAddress,
        tax_free_reason: t.taxFreeReason,
        option_sets: JSON.stringify(t.optionSets),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  } catch (error) {
    return nameTaken(error, t.name);
  }
}

export async function updateContractType(tx: Tx, organisationId: string, id: string, t: ContractTypeWrite) {
  try {
    await tx
      .updateTable('contract_types')
      .set({
        name: t.name,
        category: t.category,
        payer_name: t.payerName,
        payer_address: t.payerAddress,
        tax_free_reason: t.taxFreeReason,
        option_sets: JSON.stringify(t.optionSets),
        updated_at: sql<string>`now()`,
      })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', id)
      .execute();
  } catch (error) {
    nameTaken(error, t.name);
  }
}

function selectContractTypes(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('contract_types as t')
    .where('t.organisation_id', '=', organisationId)
    .select((eb) => [
      't.id',
      't.name',
      't.category',
      't.payer_name as payerName',
      't.payer_address as payerAddress',
      't.tax_free_reason as taxFreeReason',
      't.option_sets as optionSets',
      't.created_at as createdAt',
      't.updated_at as updatedAt',
      eb
        .selectFrom('client_contracts as c')
        .whereRef('c.organisation_id', '=', 't.organisation_id')
        .whereRef('c.contract_type_id', '=', 't.id')
        .select(sql<number>`count(*)::int`.as('n'))
        .as('assignmentCount'),
    ]);
}

export async function listContractTypes(tx: Tx, organisationId: string): Promise<ContractTypeRecord[]> {
  const rows = await selectContractTypes(tx, organisationId).orderBy('t.name').orderBy('t.id').execute();
  return rows.map((r) => ({ ...r, assignmentCount: r.assignmentCount ?? 0 }));
}

export async function findContractType(
  tx: Tx,
  organisationId: string,
  id: string,
): Promise<ContractTypeRecord | undefined> {
  const row = await selectContractTypes(tx, organisationId).where('t.id', '=', id).executeTakeFirst();
  return row && { ...row, assignmentCount: row.assignmentCount ?? 0 };
}

function selectContracts(tx: Tx, organisationId: string) {
  return tx
    .selectFrom('client_contracts as c')
    .innerJoin('contract_types as t', (j) =>
      j.onRef('t.organisation_id', '=', 'c.organisation_id').onRef('t.id', '=', 'c.contract_type_id'),
    )
    .where('c.organisation_id', '=', organisationId)
    .select([
      'c.id',
      'c.client_id as clientId',
      'c.contract_type_id as contractTypeId',
      't.name as typeName',
      't.category as typeCategory',
      't.option_sets as typeOptionSets',
      'c.name',
      'c.start_date as startDate',
      'c.end_date as endDate',
      'c.payment_terms_days as paymentTermsDays',
      'c.is_default as isDefault',
      'c.option_sets as optionSets',
      'c.created_at as createdAt',
      'c.updated_at as updatedAt',
    ]);
}

export function findContract(
  tx: Tx,
  organisationId: string,
  id: string,
): Promise<ContractRecord | undefined> {
  return selectContracts(tx, organisationId).where('c.id', '=', id).executeTakeFirst();
}

export function listClientContracts(
  tx: Tx,
  organisationId: string,
  clientId: string,
): Promise<ContractRecord[]> {
  return selectContracts(tx, organisationId)
    .where('c.client_id', '=', clientId)
    .orderBy('c.start_date')
    .orderBy('c.id')
    .execute();
}

/** The client's default contract, whatever dates it covers. */
export function findDefaultContract(
  tx: Tx,
  organisationId: string,
  clientId: string,
): Promise<ContractRecord | undefined> {
  return selectContracts(tx, organisationId)
    .where('c.client_id', '=', clientId)
    .where('c.is_default', '=', true)
    .executeTakeFirst();
}

export type ContractWrite = {
  contractTypeId: string;
  name: string;
  startDate: string;
  endDate: string | null;
  paymentTermsDays: number | null;
  optionSets: OptionSet<ContractOptions>[];
};

export async function insertContract(
  tx: Tx,
  organisationId: string,
  clientId: string,
  c: ContractWrite,
): Promise<string> {
  const row = await tx
    .insertInto('client_contracts')
    .values({
      organisation_id: organisationId,
      client_id: clientId,
      contract_type_id: c.contractTypeId,
      name: c.name,
      start_date: c.startDate,
      end_date: c.endDate,
      payment_terms_days: c.paymentTermsDays,
      option_sets: JSON.stringify(c.optionSets),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function updateContract(tx: Tx, organisationId: string, id: string, c: ContractWrite) {
  await tx
    .updateTable('client_contracts')
    .set({
      contract_type_id: c.contractTypeId,
      name: c.name,
      start_date: c.startDate,
      end_date: c.endDate,
      payment_terms_days: c.paymentTermsDays,
      option_sets: JSON.stringify(c.optionSets),
      updated_at: sql<string>`now()`,
    })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .execute();
}

/**
 * Serialises default switches of one client: the client row is locked for the rest of the transaction, so
 * concurrent make-default calls run one after the other (the partial unique index is the backstop).
 */
export async function lockClientForContracts(
  tx: Tx,
  organisationId: string,
  clientId: string,
): Promise<boolean> {
  const row = await tx
    .selectFrom('clients')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', clientId)
    .select('id')
    .forUpdate()
    .executeTakeFirst();
  return row !== undefined;
}

export async function switchDefaultContract(
  tx: Tx,
  organisationId: string,
  clientId: string,
  contractId: string,
): Promise<void> {
  await tx
    .updateTable('client_contracts')
    .set({ is_default: false, updated_at: sql<string>`now()` })
    .where('organisation_id', '=', organisationId)
    .where('client_id', '=', clientId)
    .where('is_default', '=', true)
    .where('id', '<>', contractId)
    .execute();
  try {
    await tx
      .updateTable('client_contracts')
      .set({ is_default: true, updated_at: sql<string>`now()` })
      .where('organisation_id', '=', organisationId)
      .where('id', '=', contractId)
      .where('is_default', '=', false)
      .execute();
  } catch (error) {
    if (pgErrorCode(error) === '23505')
      throw conflict('Another default contract was set for this client at the same time; try again');
    throw error;
  }
}

export async function findCarerContract(tx: Tx, organisationId: string, staffId: string) {
  return tx
    .selectFrom('carer_contracts')
    .where('organisation_id', '=', organisationId)
    .where('staff_id', '=', staffId)
    .select(['staff_id as staffId', 'option_sets as optionSets', 'updated_at as updatedAt'])
    .executeTakeFirst();
}

export async function findCarerContracts(
  tx: Tx,
  organisationId: string,
  staffIds: string[],
): Promise<Map<string, OptionSet<CarerContractOptions>[]>> {
  if (staffIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('carer_contracts')
    .where('organisation_id', '=', organisationId)
    .where('staff_id', 'in', staffIds)
    .select(['staff_id', 'option_sets'])
    .execute();
  return new Map(rows.map((r) => [r.staff_id, r.option_sets]));
}

export async function saveCarerContract(
  tx: Tx,
  organisationId: string,
  staffId: string,
  optionSets: OptionSet<CarerContractOptions>[],
): Promise<void> {
  await tx
    .insertInto('carer_contracts')
    .values({ organisation_id: organisationId, staff_id: staffId, option_sets: JSON.stringify(optionSets) })
    .onConflict((oc) =>
      oc
        .columns(['organisation_id', 'staff_id'])
        .doUpdateSet({ option_sets: JSON.stringify(optionSets), updated_at: sql<string>`now()` }),
    )
    .execute();
}

export async function staffExists(tx: Tx, organisationId: string, staffId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('staff')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', staffId)
    .select('id')
    .executeTakeFirst();
  return row !== undefined;
}

export type CalendarDayRecord = {
  id: string;
  region: string;
  date: string;
  kind: CalendarDayKind;
  name: string;
};

export async function listCalendarDays(
  tx: Tx,
  organisationId: string,
  f: { region?: string; from?: string; to?: string },
): Promise<CalendarDayRecord[]> {
  let q = tx
    .selectFrom('calendar_days')
    .where('organisation_id', '=', organisationId)
    .select(['id', 'region', 'date', 'kind', 'name'])
    .orderBy('date')
    .orderBy('region')
    .orderBy('kind')
    .limit(5000);
  if (f.region !== undefined) q = q.where('region', '=', f.region);
  if (f.from !== undefined) q = q.where('date', '>=', f.from);
  if (f.to !== undefined) q = q.where('date', '<=', f.to);
  return q.execute();
}

export async function insertCalendarDay(
  tx: Tx,
  organisationId: string,
  d: Omit<CalendarDayRecord, 'id'>,
): Promise<string> {
  try {
    const row = await tx
      .insertInto('calendar_days')
      .values({ organisation_id: organisationId, ...d })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  } catch (error) {
    if (pgErrorCode(error) === '23505')
      throw conflict(`${d.region} already has a ${d.kind.replace('_', ' ')} on ${d.date}`);
    throw error;
  }
}

export async function deleteCalendarDay(tx: Tx, organisationId: string, id: string) {
  return tx
    .deleteFrom('calendar_days')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', id)
    .returning(['id', 'region', 'date', 'kind', 'name'])
    .executeTakeFirst();
}

export type ClientBillingRecord = {
  id: string;
  name: string;
  timeZone: string;
  region: string | null;
  localAuthorityReference: string | null;
};

export function findClientBilling(
  tx: Tx,
  organisationId: string,
  clientId: string,
): Promise<ClientBillingRecord | undefined> {
  return tx
    .selectFrom('clients')
    .where('organisation_id', '=', organisationId)
    .where('id', '=', clientId)
    .select([
      'id',
      sql<string>`given_name || ' ' || family_name`.as('name'),
      'time_zone as timeZone',
      'region',
      'local_authority_reference as localAuthorityReference',
    ])
    .executeTakeFirst();
}

/** `findClientBilling` for several clients at once (an invoice run's batch), by id. */
export async function findClientsBilling(
  tx: Tx,
  organisationId: string,
  clientIds: readonly string[],
): Promise<Map<string, ClientBillingRecord>> {
  if (clientIds.length === 0) return new Map();
  const rows = await tx
    .selectFrom('clients')
    .where('organisation_id', '=', organisationId)
    .where('id', 'in', clientIds)
    .select([
      'id',
      sql<string>`given_name || ' ' || family_name`.as('name'),
      'time_zone as timeZone',
      'region',
      'local_authority_reference as localAuthorityReference',
    ])
    .execute();
  return new Map(rows.map((r) => [r.id, r]));
}

export async function setClientRegion(
  tx: Tx,
  organisationId: string,
  clientId: string,
  region: string | null,
) {
  await tx
    .updateTable('clients')
    .set({ region, updated_at: sql<string>`now()` })
    .where('organisation_id', '=', organisationId)
    .where('id', '=', clientId)
    .execute();
}
