import type { Temporal } from 'temporal-polyfill';

/** Shapes of a session's parts (migration 0015), shared by the session stores and their readers. */

export type NewService = {
  source: 'contract' | 'adhoc';
  clientId: string | null;
  contractId: string | null;
  name: string;
  supportItem: string | null;
  ratio: number;
  hourlyRateMinor: number | null;
  primary: boolean;
};

export type ServiceRecord = NewService & { id: string; position: number };

export type CancellationDetails = {
  cancelledBy: 'client' | 'representative' | 'provider';
  cancelledByName: string | null;
  notifiedAt: Temporal.Instant;
  reasonCode: 'health' | 'family' | 'transport' | 'other';
  note: string | null;
  recordedAt: Temporal.Instant;
  /** The NDIS short-notice decision (ndis/ judges it; stored with the cancellation), or null when not judged. */
  ndis?: NdisCancellationDecision | null | undefined;
};

/**
 * What ndis/ decided about a client's cancellation: a no-show, the two attestations the Pricing Arrangements
 * require (no other billable work found for the worker; the worker is paid), and the decision with its proof
 * (`decision`: the rule in force, the deadline, the explanation…) exactly as shown when it was recorded.
 */
export type NdisCancellationDecision = {
  noShow: boolean;
  attestedNoOtherWork: boolean;
  attestedWorkerPaid: boolean;
  shortNotice: boolean;
  decision: Record<string, unknown>;
};

export type TravelWrite = {
  staffParticipantId: string;
  kind: 'to' | 'from' | 'between' | 'transport';
  minutes: number;
  km: number;
  vehicle: 'own' | 'company' | 'standard' | 'modified';
  tollsMinor: number;
  parkingMinor: number;
  clientParticipantIds: string[];
};

export type DeliveredWrite = {
  participantId: string;
  clientId: string;
  serviceId: string | null;
  staffParticipantId: string | null;
  kind: 'service' | 'travel' | 'transport' | 'expense' | 'cancellation';
  description: string;
  quantity: number;
  unit: 'minutes' | 'km' | 'dollars';
  rateMinor: number | null;
  portionBasisPoints: number | null;
  amountMinor: number;
  explanation: string;
};

export type DeliveredRecord = DeliveredWrite & { id: string; bookingId: string };

export type SessionParts = {
  services: ServiceRecord[];
  serviceTypes: { bookingId: string; id: string; name: string; colour: string }[];
  participants: {
    id: string;
    bookingId: string;
    contractId: string | null;
    cancellation: CancellationDetails | null;
    actualStart: Temporal.Instant | null;
    actualEnd: Temporal.Instant | null;
  }[];
  completions: {
    bookingId: string;
    travelArea: 'metro' | 'regional' | 'remote';
    completedAt: Temporal.Instant;
  }[];
  delivered: (DeliveredRecord & { invoiceId: string | null })[];
};
