import type { Temporal } from 'temporal-polyfill';
import type { ContractCategory } from './contract-tables.types.js';
import type { ContractOptions, OptionSet } from './rating.types.js';

export type ContractTypeRecord = {
  id: string;
  name: string;
  category: ContractCategory;
  payerName: string | null;
  payerAddress: string | null;
  taxFreeReason: string | null;
  optionSets: OptionSet<ContractOptions>[];
  assignmentCount: number;
  createdAt: Temporal.Instant;
  updatedAt: Temporal.Instant;
};

export type ContractRecord = {
  id: string;
  clientId: string;
  contractTypeId: string;
  typeName: string;
  typeCategory: ContractCategory;
  typeOptionSets: OptionSet<ContractOptions>[];
  name: string;
  startDate: string;
  endDate: string | null;
  paymentTermsDays: number | null;
  isDefault: boolean;
  optionSets: OptionSet<ContractOptions>[];
  createdAt: Temporal.Instant;
  updatedAt: Temporal.Instant;
};
