import { toCsv } from './catalogue-csv.js';
import type { ClaimDraft } from './claim-lines.js';
import { hhmm } from './claim-lines.js';

/**
 * The NDIA bulk payment request file (pure): the 16 columns in the portal's order, each in its format
 * (dates yyyy/mm/dd; hourly items in Hours as hhh:mm, other units in Quantity; prices NNNNNNN.NN; the three
 * legacy columns blank), at most 5,000 rows and a name of at most 20 characters with ".csv".
 */
export const BPR_COLUMNS = [
  'RegistrationNumber',
  'NDISNumber',
  'SupportsDeliveredFrom',
  'SupportsDeliveredTo',
  'SupportNumber',
  'ClaimReference',
  'Quantity',
  'Hours',
  'UnitPrice',
  'GSTCode',
  'AuthorisedBy',
  'ParticipantApproved',
  'InKindFundingProgram',
  'ClaimType',
  'CancellationReason',
  'ABN of Support Provider',
] as const;

export const MAX_ROWS_PER_FILE = 5_000;
export const MAX_FILE_NAME = 20;

export type BprLine = ClaimDraft & { claimReference: string };

const slashDate = (d: string) => d.replaceAll('-', '/');
const decimal = (minor: number) => `${Math.floor(minor / 100)}.${String(minor % 100).padStart(2, '0')}`;

type RowFields = Pick<
  BprLine,
  | 'ndisNumber'
  | 'deliveredFrom'
  | 'deliveredTo'
  | 'supportNumber'
  | 'claimReference'
  | 'quantityHundredths'
  | 'hoursMinutes'
  | 'unitPriceMinor'
  | 'gstCode'
  | 'claimType'
  | 'cancellationReason'
  | 'abn'
>;

export function bprRow(registrationNumber: string, l: RowFields): string[] {
  return [
    registrationNumber,
    l.ndisNumber,
    slashDate(l.deliveredFrom),
    slashDate(l.deliveredTo),
    l.supportNumber,
    l.claimReference,
    l.quantityHundredths === null ? '' : decimal(l.quantityHundredths),
    l.hoursMinutes === null ? '' : hhmm(l.hoursMinutes),
    decimal(l.unitPriceMinor),
    l.gstCode,
    '',
    '',
    '',
    l.claimType ?? '',
    l.cancellationReason ?? '',
    l.abn,
  ];
}

export function bprCsv(registrationNumber: string, lines: readonly RowFields[]): string {
  if (lines.length > MAX_ROWS_PER_FILE)
    throw new RangeError(`a file holds at most ${MAX_ROWS_PER_FILE} rows`);
  return toCsv([[...BPR_COLUMNS], ...lines.map((l) => bprRow(registrationNumber, l))]);
}

/** Lines in files of at most 5,000 rows, in order. */
export function chunkLines<T>(lines: readonly T[], size = MAX_ROWS_PER_FILE): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < lines.length; i += size) out.push(lines.slice(i, i + size));
  return out;
}

/**
 * The name of a day's n-th file: "BPR" + yymmdd + "-" + n, e.g. "BPR251201-1.csv" (well within 20 characters);
 * a claim reference is the file's stem and the line's position ("BPR251201-1-17"), unique because names are.
 */
export function fileName(day: string, n: number): string {
  const name = `BPR${day.slice(2, 4)}${day.slice(5, 7)}${day.slice(8, 10)}-${n}.csv`;
  if (name.length > MAX_FILE_NAME) throw new RangeError('file name too long');
  return name;
}

export const claimReference = (file: string, position: number) => `${file.replace(/\.csv$/, '')}-${position}`;
