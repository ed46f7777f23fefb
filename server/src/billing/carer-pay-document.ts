import type { CarerPayReport } from './carer-pay.types.js';
import { csvField, formatMinor } from './invoice-document.js';

const HEADER = [
  'staff',
  'visit_date',
  'client',
  'booking',
  'booking_id',
  'kind',
  'minutes',
  'rate_minor',
  'amount_minor',
  'amount',
  'explanation',
];

/** One row per pay line (RFC 4180), for payroll import. */
export function carerPayCsv(report: CarerPayReport): string {
  const rows = report.visits.flatMap((v) =>
    v.lines.map((l) =>
      [
        report.staff.name,
        v.visitDate,
        v.client.name,
        v.name,
        v.bookingId,
        l.kind,
        l.minutes ?? null,
        l.rateMinor ?? null,
        l.amountMinor,
        formatMinor(l.amountMinor),
        l.explanation,
      ]
        .map(csvField)
        .join(','),
    ),
  );
  return `${[HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}
