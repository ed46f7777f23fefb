import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict, invalid, notFound } from '../shared/domain-error.js';
import { createZoneClock } from '../shared/time/zone-clock.js';
import type {
  CalendarDayInput,
  CarerContractInput,
  ContractInput,
  ContractTypeInput,
  ContractTypeView,
  ContractView,
} from './contract.schemas.js';
import {
  type ContractWrite,
  deleteCalendarDay,
  findCarerContract,
  findClientBilling,
  findContract,
  findContractType,
  insertCalendarDay,
  insertContract,
  insertContractType,
  listClientContracts,
  lockClientForContracts,
  saveCarerContract as saveCarerContractRow,
  setClientRegion as setClientRegionRow,
  staffExists,
  switchDefaultContract,
  updateContract,
  updateContractType,
} from './contract.store.js';
import { toContractTypeView, toContractView } from './contract-view.js';
import { optionTimeline } from './option-timeline.js';
import type { CarerContractOptions, ContractOptions, OptionSet } from './rating.types.js';

/** Option sets as the engine reads them: the wire format already is, minus Zod's optional markers. */
const asSchedule = <O>(sets: { effectiveFrom: string; options: object }[]) => sets as OptionSet<O>[];

async function typeView(tx: Tx, actor: Actor, id: string): Promise<ContractTypeView> {
  return toContractTypeView((await findContractType(tx, actor.organisationId, id))!);
}

async function contractView(tx: Tx, actor: Actor, id: string): Promise<ContractView> {
  return toContractView((await findContract(tx, actor.organisationId, id))!);
}

export async function createContractType(
  tx: Tx,
  actor: Actor,
  input: ContractTypeInput,
): Promise<ContractTypeView> {
  const id = await insertContractType(tx, actor.organisationId, {
    name: input.name,
    category: input.category,
    payerName: input.payerName || null,
    payerAddress: input.payerAddress || null,
    taxFreeReason: input.taxFreeReason || null,
    optionSets: asSchedule<ContractOptions>(input.optionSets),
  });
  const after = await typeView(tx, actor, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'contract_type',
    entityId: id,
    after,
  });
  return after;
}

/** Replaces the type's name, category and whole schedule of option sets. */
export async function saveContractType(
  tx: Tx,
  actor: Actor,
  id: string,
  input: ContractTypeInput,
): Promise<ContractTypeView> {
  const current = await findContractType(tx, actor.organisationId, id);
  if (!current) throw notFound('Contract type');
  // Billing fields left out of the request are kept; an empty string or null clears them.
  const kept = (value: string | null | undefined, was: string | null) =>
    value === undefined ? was : value || null;
  await updateContractType(tx, actor.organisationId, id, {
    name: input.name,
    category: input.category,
    payerName: kept(input.payerName, current.payerName),
    payerAddress: kept(input.payerAddress, current.payerAddress),
    taxFreeReason: kept(input.taxFreeReason, current.taxFreeReason),
    optionSets: asSchedule<ContractOptions>(input.optionSets),
  });
  const after = await typeView(tx, actor, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'contract_type',
    entityId: id,
    before: toContractTypeView(current),
    after,
  });
  return after;
}

async function contractWrite(tx: Tx, actor: Actor, input: ContractInput): Promise<ContractWrite> {
  if (!(await findContractType(tx, actor.organisationId, input.contractTypeId)))
    throw invalid('contractTypeId', 'is not a contract type of this organisation');
  return {
    contractTypeId: input.contractTypeId,
    name: input.name,
    startDate: input.startDate,
    endDate: input.endDate,
    paymentTermsDays: input.paymentTermsDays ?? null,
    optionSets: asSchedule<ContractOptions>(input.optionSets),
  };
}

/** A client's first contract is its default; `isDefault` moves the default to the new contract. */
export async function createContract(
  tx: Tx,
  actor: Actor,
  clientId: string,
  input: ContractInput,
): Promise<ContractView> {
  if (!(await lockClientForContracts(tx, actor.organisationId, clientId))) throw notFound('Client');
  const write = await contractWrite(tx, actor, input);
  const existing = await listClientContracts(tx, actor.organisationId, clientId);
  const id = await insertContract(tx, actor.organisationId, clientId, write);
  if (input.isDefault || !existing.some((c) => c.isDefault))
    await switchDefaultContract(tx, actor.organisationId, clientId, id);
  const after = await contractView(tx, actor, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'client_contract',
    entityId: id,
    after,
  });
  return after;
}

export async function saveContract(
  tx: Tx,
  actor: Actor,
  id: string,
  input: ContractInput,
): Promise<ContractView> {
  const current = await findContract(tx, actor.organisationId, id);
  if (!current) throw notFound('Contract');
  await lockClientForContracts(tx, actor.organisationId, current.clientId);
  if (input.isDefault === false && current.isDefault)
    throw conflict('A client always has a default contract: make another contract the default instead');
  const write = await contractWrite(tx, actor, input);
  // Payment terms left out of the request are kept (screens that do not show them must not clear them).
  if (input.paymentTermsDays === undefined) write.paymentTermsDays = current.paymentTermsDays;
  await updateContract(tx, actor.organisationId, id, write);
  if (input.isDefault) await switchDefaultContract(tx, actor.organisationId, current.clientId, id);
  const after = await contractView(tx, actor, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'client_contract',
    entityId: id,
    before: toContractView(current),
    after,
  });
  return after;
}

/** Switches the client's default in one transaction, serialised per client. */
export async function makeDefaultContract(tx: Tx, actor: Actor, id: string): Promise<ContractView> {
  const found = await findContract(tx, actor.organisationId, id);
  if (!found) throw notFound('Contract');
  await lockClientForContracts(tx, actor.organisationId, found.clientId);
  const previous = (await listClientContracts(tx, actor.organisationId, found.clientId)).find(
    (c) => c.isDefault,
  );
  await switchDefaultContract(tx, actor.organisationId, found.clientId, id);
  const after = await contractView(tx, actor, id);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'client_contract',
    entityId: id,
    before: { defaultContractId: previous?.id ?? null },
    after: { defaultContractId: id },
  });
  return after;
}

export async function clientContracts(tx: Tx, actor: Actor, clientId: string): Promise<ContractView[]> {
  if (!(await findClientBilling(tx, actor.organisationId, clientId))) throw notFound('Client');
  return (await listClientContracts(tx, actor.organisationId, clientId)).map(toContractView);
}

const MAX_TIMELINE_DAYS = 20 * 366;

export async function contractTimeline(
  tx: Tx,
  actor: Actor,
  id: string,
  query: { from?: string; to?: string },
) {
  const contract = await findContract(tx, actor.organisationId, id);
  if (!contract) throw notFound('Contract');
  const days = createZoneClock('UTC');
  const from = query.from ?? contract.startDate;
  const to =
    query.to ?? (contract.endDate !== null ? days.addDays(contract.endDate, 1) : days.addDays(from, 365));
  if (to <= from) throw invalid('to', 'must be after from');
  if (days.addDays(from, MAX_TIMELINE_DAYS) < to) throw invalid('to', 'must be within 20 years of from');
  const timeline = optionTimeline(
    { contractType: contract.typeOptionSets, assignment: contract.optionSets },
    from,
    to,
  );
  return { contractId: id, ...timeline };
}

export async function carerContract(tx: Tx, actor: Actor, staffId: string) {
  if (!(await staffExists(tx, actor.organisationId, staffId))) throw notFound('Staff member');
  const row = await findCarerContract(tx, actor.organisationId, staffId);
  if (!row) throw notFound('Carer contract');
  return { staffId, optionSets: row.optionSets, updatedAt: row.updatedAt.toString() };
}

export async function saveCarerContract(tx: Tx, actor: Actor, staffId: string, input: CarerContractInput) {
  if (!(await staffExists(tx, actor.organisationId, staffId))) throw notFound('Staff member');
  const before = await findCarerContract(tx, actor.organisationId, staffId);
  await saveCarerContractRow(
    tx,
    actor.organisationId,
    staffId,
    asSchedule<CarerContractOptions>(input.optionSets),
  );
  const after = await carerContract(tx, actor, staffId);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: before ? 'update' : 'create',
    entityType: 'carer_contract',
    entityId: staffId,
    before: before ? { optionSets: before.optionSets } : undefined,
    after,
  });
  return after;
}

export async function addCalendarDay(tx: Tx, actor: Actor, input: CalendarDayInput) {
  const id = await insertCalendarDay(tx, actor.organisationId, input);
  const after = { id, ...input };
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'calendar_day',
    entityId: id,
    after,
  });
  return after;
}

export async function removeCalendarDay(tx: Tx, actor: Actor, id: string): Promise<void> {
  const before = await deleteCalendarDay(tx, actor.organisationId, id);
  if (!before) throw notFound('Calendar day');
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'delete',
    entityType: 'calendar_day',
    entityId: id,
    before,
  });
}

export async function clientRegion(tx: Tx, actor: Actor, clientId: string) {
  const found = await findClientBilling(tx, actor.organisationId, clientId);
  if (!found) throw notFound('Client');
  return { clientId, region: found.region };
}

export async function setClientRegion(tx: Tx, actor: Actor, clientId: string, region: string | null) {
  const current = await findClientBilling(tx, actor.organisationId, clientId);
  if (!current) throw notFound('Client');
  await setClientRegionRow(tx, actor.organisationId, clientId, region);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'client',
    entityId: clientId,
    before: { region: current.region },
    after: { region },
  });
  return { clientId, region };
}
