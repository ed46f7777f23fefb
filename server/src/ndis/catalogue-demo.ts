/**
 * The demo catalogue (`catalogue-demo-2025-26.csv`, the NDIA Support Catalogue's columns): real 2025-26 price
 * limits (PAPL 2025-26 v1.1, national/MMM1–5, standard intensity) for self-care in each time band, provider
 * travel non-labour costs, activity-based transport, and an occupational therapy item with its 1 July 2026
 * `_PT` variant at $97.00 (50% of $193.99). Sources: providerscout.com.au and tqn.care (self-care rates),
 * specialvoices.com.au (therapy), wiki.quickclaim.io (the `_PT` example), via batch2-research.md §3.2–3.4.
 * Remote and very remote columns apply the PAPL's +40% and +50% loadings to those limits (rounded to the cent);
 * the $1 notional unit of the non-labour and transport items is the catalogue's. Demo data, not a source.
 */
export const DEMO_CATALOGUE_FILE = new URL('./catalogue-demo-2025-26.csv', import.meta.url);

/** The self-care family: one item per time band. */
export const DEMO_SELF_CARE_FAMILY = {
  family: 'Self-care, standard',
  bands: {
    weekday_daytime: '01_011_0107_1_1',
    weekday_evening: '01_015_0107_1_1',
    weekday_night: '01_002_0107_1_1',
    saturday: '01_013_0107_1_1',
    sunday: '01_014_0107_1_1',
    public_holiday: '01_012_0107_1_1',
  },
} as const;
