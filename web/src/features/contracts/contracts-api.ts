import { api } from '../../api/api-client';
import type { ContractCheck, RepricePreview } from '../../api/types';

/** Wire shapes of the contracts API (server/src/contracts/contract.schemas.ts and rating.schemas.ts). */

export type ContractCategory = 'private' | 'local_authority' | 'ndis' | 'other';
export type DayOfWeek = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';
export type DayKind = 'specialDay' | 'publicHoliday' | 'dayOfWeek' | 'weekday' | 'weekend';
export type RoundingMode = 'none' | 'up' | 'down' | 'nearest';
export type RoundingMinutes = 5 | 10 | 15 | 30 | 60;

export type NonProRataRate = { minutes: number; amount: number };
export type UnsociableRange = {
  when: { kind: DayKind; day?: DayOfWeek };
  from: string;
  to: string;
  hourlyRate: number;
  nonProRataRates?: NonProRataRate[];
};
export type CallOutCharge = { name: string; amount: number };
/** A price per night or per 24-hour day for a stay in a bed, named so a stay's service can refer to it. */
export type AccommodationRate = { name: string; unit: 'night' | 'day'; rate: number; supportItem?: string };

export type ContractOptions = {
  hourlyRate: number;
  nonProRataRates: NonProRataRate[];
  unsociableRanges: UnsociableRange[];
  useFirstRange: boolean;
  callOutCharges: CallOutCharge[];
  billOnActualTimes: boolean;
  rounding: { mode: RoundingMode; minutes: RoundingMinutes };
  chargeMileageToClient: boolean;
  enableTravelPayments: boolean;
  useLocalAuthorityReference: boolean;
  terminationRights: string;
  /** NDIS support item number per time band. */
  ndisSupportItems: Partial<Record<NdisTimeBand, string>>;
  accommodationRates: AccommodationRate[];
};
export type NdisTimeBand =
  | 'weekday_daytime'
  | 'weekday_evening'
  | 'weekday_night'
  | 'saturday'
  | 'sunday'
  | 'public_holiday';
export type CarerOptions = ContractOptions & { mileageRate: number };
export type OptionName = keyof CarerOptions;

/** An option absent from `options` is inherited (assignment) or takes its default (type, carer contract). */
export type OptionSet = { effectiveFrom: string; options: Partial<CarerOptions> };

export type ContractType = {
  id: string;
  name: string;
  category: ContractCategory;
  /** Who is invoiced instead of the client (a local authority), and why its services carry no GST/VAT. */
  payerName: string | null;
  payerAddress: string | null;
  taxFreeReason: string | null;
  optionSets: OptionSet[];
  assignmentCount: number;
  createdAt: string;
  updatedAt: string;
};
export type ContractTypeInput = {
  name: string;
  category: ContractCategory;
  payerName: string | null;
  payerAddress: string | null;
  taxFreeReason: string | null;
  optionSets: OptionSet[];
};

export type ClientContract = {
  id: string;
  clientId: string;
  contractType: { id: string; name: string; category: ContractCategory };
  name: string;
  startDate: string;
  endDate: string | null;
  isDefault: boolean;
  optionSets: OptionSet[];
  /** Days to pay invoices on this contract; null: the organisation's terms. */
  paymentTermsDays: number | null;
  createdAt: string;
  updatedAt: string;
};
export type ContractInput = {
  contractTypeId: string;
  name: string;
  startDate: string;
  endDate: string | null;
  isDefault?: boolean;
  /** Days to pay invoices on this contract; null: the organisation's terms. */
  paymentTermsDays?: number | null;
  optionSets: OptionSet[];
};

export type TimelineSource = 'type' | 'assignment' | 'default';
export type TimelineSegment = {
  from: string;
  /** Exclusive. */
  to: string;
  value: unknown;
  source: TimelineSource;
  setIndex: number | null;
  effectiveFrom: string | null;
  inheritance: 'inherited' | 'overridden';
};
export type TimelineBoundary = { date: string; schedule: 'type' | 'assignment'; setIndex: number };
export type ContractTimeline = {
  contractId: string;
  from: string;
  /** Exclusive. */
  to: string;
  boundaries: TimelineBoundary[];
  options: Partial<Record<OptionName, TimelineSegment[]>>;
};

export type CarerContract = { staffId: string; optionSets: OptionSet[]; updatedAt: string };

export type CalendarDayKind = 'public_holiday' | 'special_day';
export type CalendarDay = { id: string; region: string; date: string; kind: CalendarDayKind; name: string };
export type CalendarDayInput = Omit<CalendarDay, 'id'>;

const id = encodeURIComponent;

export const contractsApi = {
  types: async () => (await api.get<{ items: ContractType[] }>('/contract-types')).items,
  type: (typeId: string) => api.get<ContractType>(`/contract-types/${id(typeId)}`),
  createType: (input: ContractTypeInput) => api.post<ContractType>('/contract-types', input),
  saveType: (typeId: string, input: ContractTypeInput) =>
    api.put<ContractType>(`/contract-types/${id(typeId)}`, input),

  clientContracts: async (clientId: string) =>
    (await api.get<{ items: ClientContract[] }>(`/clients/${id(clientId)}/contracts`)).items,
  createContract: (clientId: string, input: ContractInput) =>
    api.post<ClientContract>(`/clients/${id(clientId)}/contracts`, input),
  contract: (contractId: string) => api.get<ClientContract>(`/contracts/${id(contractId)}`),
  saveContract: (contractId: string, input: ContractInput) =>
    api.put<ClientContract>(`/contracts/${id(contractId)}`, input),
  makeDefault: (contractId: string) => api.post<ClientContract>(`/contracts/${id(contractId)}/make-default`),
  /** Delivered, uninvoiced visits the change would reprice (nothing is saved). */
  repricePreview: (contractId: string, input: ContractInput) =>
    api.post<RepricePreview>(`/contracts/${id(contractId)}/reprice-preview`, input),
  /** The contract check of a draft: price by duration, warnings, the useFirstRange example. */
  check: (clientId: string, input: { contractTypeId: string; optionSets: OptionSet[] }) =>
    api.post<ContractCheck>(`/clients/${id(clientId)}/contracts/check`, input),
  timeline: (contractId: string, range: { from?: string; to?: string }) =>
    api.get<ContractTimeline>(`/contracts/${id(contractId)}/timeline`, range),

  clientRegion: (clientId: string) =>
    api.get<{ clientId: string; region: string | null }>(`/clients/${id(clientId)}/region`),
  setClientRegion: (clientId: string, region: string | null) =>
    api.put<{ clientId: string; region: string | null }>(`/clients/${id(clientId)}/region`, { region }),

  carerContract: (staffId: string) => api.get<CarerContract>(`/staff/${id(staffId)}/carer-contract`),
  saveCarerContract: (staffId: string, optionSets: OptionSet[]) =>
    api.put<CarerContract>(`/staff/${id(staffId)}/carer-contract`, { optionSets }),

  calendarDays: async (region?: string) =>
    (await api.get<{ items: CalendarDay[] }>('/calendar-days', { region })).items,
  addCalendarDay: (input: CalendarDayInput) => api.post<CalendarDay>('/calendar-days', input),
  removeCalendarDay: (dayId: string) => api.delete(`/calendar-days/${id(dayId)}`),
};
