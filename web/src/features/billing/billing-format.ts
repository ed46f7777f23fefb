import { formatPlainDate } from '../../shared/format';
import { formatMoney } from '../../shared/money';
import type { Invoice, InvoiceStatus, LineKind, OptionSource, PricedLine, RuleRef } from './billing-api';

export const LINE_KIND_LABEL: Record<LineKind, string> = {
  time: 'Time',
  nonProRata: 'Non-pro-rata',
  callOut: 'Call-out',
  mileage: 'Mileage',
  stay: 'Stay',
};

// Filled, dark shades: white text on them passes WCAG AA at badge size.
export const STATUS_STYLE: Record<InvoiceStatus, { label: string; color: string }> = {
  draft: { label: 'Draft', color: 'gray.7' },
  issued: { label: 'Issued', color: 'blue.9' },
  paid: { label: 'Paid', color: 'teal.9' },
  void: { label: 'Void', color: 'red.9' },
};

const OPTION_LABEL: Record<string, string> = {
  hourlyRate: 'Hourly rate',
  nonProRataRates: 'Non-pro-rata rates',
  unsociableRanges: 'Unsociable ranges',
  callOutCharges: 'Call-out charges',
  mileageRate: 'Mileage rate',
  chargeMileageToClient: 'Charge mileage to client',
};

export const optionLabel = (name: string) => OPTION_LABEL[name] ?? name;

const WHEN_LABEL: Record<string, string> = {
  weekday: 'weekdays',
  weekend: 'weekends',
  publicHoliday: 'public holidays',
  specialDay: 'special days',
  mon: 'Mondays',
  tue: 'Tuesdays',
  wed: 'Wednesdays',
  thu: 'Thursdays',
  fri: 'Fridays',
  sat: 'Saturdays',
  sun: 'Sundays',
};

/** Which rule priced the time: the base rate or an unsociable range. */
export function describeRule(rule: RuleRef | undefined): string {
  if (!rule || rule.kind === 'default') return 'Base rate (no unsociable range applies)';
  const key = rule.when.kind === 'dayOfWeek' ? (rule.when.day ?? '') : rule.when.kind;
  const when = WHEN_LABEL[key] ?? key;
  return `Unsociable range ${rule.rangeIndex + 1}: ${when} ${rule.from}–${rule.to} (window starting ${formatPlainDate(rule.windowDate)})`;
}

/** Where the option came from: which option set (contract type or client contract) and its effective date. */
export function describeSource(source: OptionSource): {
  origin: string;
  effective: string | null;
  inheritance: 'inherited' | 'overridden' | null;
} {
  switch (source.from) {
    case 'assignment':
      return {
        origin: `Client contract option set ${source.setIndex + 1}`,
        effective: source.effectiveFrom,
        inheritance: 'overridden',
      };
    case 'type':
      return {
        origin: `Contract type option set ${source.setIndex + 1}`,
        effective: source.effectiveFrom,
        inheritance: 'inherited',
      };
    case 'default':
      return {
        origin: 'Built-in default (no option set sets it)',
        effective: null,
        inheritance: 'inherited',
      };
    case 'carerContract':
      return {
        origin: `Carer contract option set ${source.setIndex + 1}`,
        effective: source.effectiveFrom,
        inheritance: null,
      };
  }
}

/** minutes × rate = amount, in words a person reads. */
export function describeCalculation(line: PricedLine): string {
  const amount = formatMoney(line.amountMinor);
  switch (line.kind) {
    case 'time':
      return line.minutes != null && line.rateMinor != null
        ? `${line.minutes} min × ${formatMoney(line.rateMinor)}/h = ${amount}`
        : amount;
    case 'nonProRata':
      return `${line.minutes ?? '?'} min at a fixed non-pro-rata amount = ${amount}`;
    case 'callOut':
      return `Call-out charge = ${amount}`;
    case 'mileage': {
      const distance = /^Mileage ([0-9.]+) ×/.exec(line.explanation)?.[1];
      return distance && line.rateMinor != null
        ? `${distance} × ${formatMoney(line.rateMinor)} = ${amount}`
        : `Mileage = ${amount}`;
    }
    case 'stay': {
      const units = (line.source as { units?: number } | null | undefined)?.units;
      return units != null && line.rateMinor != null
        ? `${units} × ${formatMoney(line.rateMinor)} = ${amount}`
        : amount;
    }
  }
}

/** 'Invoice 12', 'Credit note 13', or 'Draft invoice' before it is issued. */
export function invoiceTitle(invoice: Pick<Invoice, 'kind' | 'number'>): string {
  const kind = invoice.kind === 'credit_note' ? 'Credit note' : 'Invoice';
  return invoice.number === null ? `Draft ${kind.toLowerCase()}` : `${kind} ${invoice.number}`;
}

/** The engine's local stretch '2026-11-17 14:30+11:00' → '2026-11-17 15:15+11:00', readable. */
export function describePeriod(period: { from: string; to: string }): string {
  const parse = (text: string) => /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(.*)$/.exec(text);
  const from = parse(period.from);
  const to = parse(period.to);
  if (!from || !to) return `${period.from} → ${period.to}`;
  const offset = (o: string) => (o ? ` (UTC${o})` : '');
  const start = `${formatPlainDate(from[1])}, ${from[2]}`;
  if (from[1] === to[1] && from[3] === to[3]) return `${start}–${to[2]}${offset(from[3]!)}`;
  return `${start}${offset(from[3]!)} → ${formatPlainDate(to[1])}, ${to[2]}${offset(to[3]!)}`;
}
