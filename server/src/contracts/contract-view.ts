import type { ContractTypeView, ContractView } from './contract.schemas.js';
import type { ContractRecord, ContractTypeRecord } from './contract.types.js';

export function toContractTypeView(t: ContractTypeRecord): ContractTypeView {
  return {
    id: t.id,
    name: t.name,
    category: t.category,
    payerName: t.payerName,
    payerAddress: t.payerAddress,
    taxFreeReason: t.taxFreeReason,
    optionSets: t.optionSets,
    assignmentCount: t.assignmentCount,
    createdAt: t.createdAt.toString(),
    updatedAt: t.updatedAt.toString(),
  };
}

export function toContractView(c: ContractRecord): ContractView {
  return {
    id: c.id,
    clientId: c.clientId,
    contractType: { id: c.contractTypeId, name: c.typeName, category: c.typeCategory },
    name: c.name,
    startDate: c.startDate,
    endDate: c.endDate,
    paymentTermsDays: c.paymentTermsDays,
    isDefault: c.isDefault,
    optionSets: c.optionSets,
    createdAt: c.createdAt.toString(),
    updatedAt: c.updatedAt.toString(),
  };
}

/** Whether a contract covers a local date (its end date is inclusive). */
export function covers(c: { startDate: string; endDate: string | null }, date: string): boolean {
  return c.startDate <= date && (c.endDate === null || date <= c.endDate);
}
