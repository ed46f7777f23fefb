/** An organisation's dated NDIS cancellation rule (table ndis_cancellation_rules). */
export type CancellationRuleRecord = {
  id: string;
  serviceTypeId: string | null;
  effectiveFrom: string;
  supportClass: 'support_worker' | 'other' | 'custom';
  kind: 'clearBusinessDays' | 'clearDays' | null;
  days: number | null;
  reading: 'calendar' | 'hours' | null;
  opensAt: string | null;
  closesAt: string | null;
  claimPercent: number | null;
};
