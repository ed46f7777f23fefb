/**
 * Support item numbers: `AA_BBB_CCCC_D_E`, optionally suffixed (`_CA`, `_NF`, `_PT`, `_RR`, `_TH` from 1 July
 * 2026; legacy `_T`). Validated by pattern only: what a number means (its unit, flags, prices, whether it is a
 * cancellation or travel item) is looked up in the catalogue, never parsed from its digits or suffix.
 */
export const SUPPORT_ITEM_NUMBER = /^\d{2}_\d{3}_\d{4}_\d_\d(_[A-Z]{1,3})?$/;

export const isSupportItemNumber = (s: string) => SUPPORT_ITEM_NUMBER.test(s);

/** How each way of claiming is suffixed from the schedule that introduced suffixed items (1 July 2026). */
export type ClaimWay = 'cancellation' | 'nonFaceToFace' | 'providerTravel' | 'report' | 'telehealth';
export const CLAIM_WAY_SUFFIX: Record<ClaimWay, string> = {
  cancellation: '_CA',
  nonFaceToFace: '_NF',
  providerTravel: '_PT',
  report: '_RR',
  telehealth: '_TH',
};

/**
 * The candidate number of an item's suffixed variant: a name to look up in the catalogue (which decides whether
 * it exists and what it costs), not a meaning read from the number.
 */
export const suffixedCandidate = (number: string, way: ClaimWay) => `${number}${CLAIM_WAY_SUFFIX[way]}`;
