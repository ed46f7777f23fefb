import type { Temporal } from 'temporal-polyfill';
import type { HoldOutcome, ServiceUnit, StayKind, StayState } from './accommodation-tables.types.js';

/** A stay as the stores read it (with the client's display name). */
export type StayRecord = {
  id: string;
  bedId: string;
  kind: StayKind;
  clientId: string | null;
  contractId: string | null;
  state: StayState;
  arriveOn: string;
  leaveOn: string;
  plannedLeaveOn: string | null;
  holdExpiresAt: Temporal.Instant | null;
  holdOutcome: HoldOutcome | null;
  holdRevertsTo: 'enquiry' | 'booked' | null;
  reason: string | null;
  cancelReason: string | null;
  eligibilityOverrideReason: string | null;
  checkedInAt: Temporal.Instant | null;
  checkedOutAt: Temporal.Instant | null;
  notes: string | null;
  clientName: string | null;
};

export type StayServiceRecord = {
  id: string;
  stayId: string;
  name: string;
  unit: ServiceUnit;
  supportItem: string | null;
  /** Overrides the contract rate's price per unit; without a contract rate, the only price. */
  rateMinor: number | null;
  /** The name of the contract's accommodation rate that prices each night; null: `rateMinor` alone. */
  contractRate: string | null;
};

/** A stay service as billing reads it (`stay-billing.store.ts`): what an invoice line for its nights needs. */
export type BillableStayService = {
  stayServiceId: string;
  stayId: string;
  clientId: string;
  contractId: string | null;
  name: string;
  unit: ServiceUnit;
  supportItem: string | null;
  rateMinor: number | null;
  contractRate: string | null;
  siteName: string;
  roomName: string;
  bedName: string;
  /** The stay's nights are [arriveOn, leaveOn), local dates in the site's zone. */
  arriveOn: string;
  leaveOn: string;
};
