import { Temporal } from 'temporal-polyfill';

/**
 * NDIS short-notice cancellation: is a client's cancellation "short notice" under a rule, and why. Pure: the
 * support's zone, its public holidays and the instants are arguments (no clock, no database).
 *
 * Rules (2025-26 PAPL p.26–27 and their history, see cancellation-defaults.ts):
 * - `clearBusinessDays` N: at least N business days (Monday to Friday, not a public holiday of the state where the
 *   support is delivered) strictly between the day notice was given and the day of the support.
 * - `clearDays` N, reading `calendar`: at least N calendar days strictly between the notice day and the support day.
 * - `clearDays` N, reading `hours`: notice at least N days before the start at the same wall-clock time
 *   (N × 24 h except across a daylight-saving change, where the wall clock wins).
 * - A no-show is always short notice.
 * - Optionally, notice outside business hours (before opening or from closing on a business day, or on any other
 *   day) counts as given at opening on the next business day.
 *
 * The contract: `shortNotice` ⇔ noShow or notifiedAt ≥ deadline, where `deadline` is the latest instant before
 * which notice is in time; `clearDaysGiven` counts in the rule's own unit.
 */

export type CancellationRule =
  | { kind: 'clearBusinessDays'; days: number; afterHours?: AfterHours | undefined }
  | { kind: 'clearDays'; days: number; reading: 'calendar' | 'hours'; afterHours?: AfterHours | undefined };

/** Business hours for "notice outside business hours counts from opening on the next business day". */
export type AfterHours = { opensAt: string; closesAt: string };

export type Holiday = { date: string; name?: string | undefined };

export type CancellationCase = {
  supportStart: Temporal.Instant;
  /** When the provider was told; null only for a no-show nobody announced. */
  notifiedAt: Temporal.Instant | null;
  timeZone: string;
  rule: CancellationRule;
  /** The public holidays of the support's state (any range; only dates matter). */
  publicHolidays: readonly Holiday[];
  /** Where the holidays come from, for the explanation ("NSW"). */
  regionName?: string | undefined;
  noShow?: boolean | undefined;
  /** What a short-notice cancellation may claim, in percent of the agreed fee (100 since 2020). */
  claimPercent?: number | undefined;
};

export type CancellationDecision = {
  shortNotice: boolean;
  /** Clear days given in the rule's unit (business days, calendar days, or whole days before the start). */
  clearDaysGiven: number;
  /** ISO 8601 with offset, in the support's zone: notice before it is in time. */
  deadline: string;
  /** When notice counts as given (differs from notifiedAt only with the after-hours option). */
  noticeCountsFrom: string | null;
  explanation: string;
  /** The holidays that were skipped while counting business days (named in the explanation). */
  holidaysSkipped: Holiday[];
};

const WEEKDAY = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;
const MONTH = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

export function dayText(d: Temporal.PlainDate): string {
  return `${WEEKDAY[d.dayOfWeek - 1]} ${d.day} ${MONTH[d.month - 1]} ${d.year}`;
}

function whenText(z: Temporal.ZonedDateTime): string {
  const hh = String(z.hour).padStart(2, '0');
  const mm = String(z.minute).padStart(2, '0');
  return `${dayText(z.toPlainDate())} ${hh}:${mm}`;
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? '' : 's'}`;

export function ruleText(rule: CancellationRule): string {
  if (rule.kind === 'clearBusinessDays') return plural(rule.days, 'clear business day');
  if (rule.reading === 'calendar') return plural(rule.days, 'clear day');
  return `${plural(rule.days, 'day')} (${rule.days * 24} h at the same time of day)`;
}

/** Judges one cancellation (see the module comment for the rules and the contract). */
export function judgeCancellation(c: CancellationCase): CancellationDecision {
  const zone = c.timeZone;
  const start = c.supportStart.toZonedDateTimeISO(zone);
  const holidays = new Map(c.publicHolidays.map((h) => [h.date, h]));
  const isBusinessDay = (d: Temporal.PlainDate) => d.dayOfWeek <= 5 && !holidays.has(d.toString());
  const skipped = new Map<string, Holiday>();
  const noteHoliday = (d: Temporal.PlainDate) => {
    const h = holidays.get(d.toString());
    if (h && d.dayOfWeek <= 5) skipped.set(h.date, h);
  };
  const after = c.rule.afterHours;
  const opens = after ? Temporal.PlainTime.from(after.opensAt) : null;
  const closes = after ? Temporal.PlainTime.from(after.closesAt) : null;
  const at = (d: Temporal.PlainDate, t: Temporal.PlainTime) =>
    d.toZonedDateTime({ timeZone: zone, plainTime: t });

  /** When notice at `t` counts as given: itself, or opening on the next business day. */
  const effective = (t: Temporal.ZonedDateTime): Temporal.ZonedDateTime => {
    if (!opens || !closes) return t;
    let d = t.toPlainDate();
    const time = t.toPlainTime();
    if (
      isBusinessDay(d) &&
      Temporal.PlainTime.compare(time, opens) >= 0 &&
      Temporal.PlainTime.compare(time, closes) < 0
    )
      return t;
    if (!(isBusinessDay(d) && Temporal.PlainTime.compare(time, opens) < 0)) d = d.add({ days: 1 });
    while (!isBusinessDay(d)) d = d.add({ days: 1 });
    return at(d, opens);
  };

  /**
   * The deadline when notice must fall on a day ≤ `lastDay`: the start of the next day, or with the after-hours
   * option the close of the latest business day ≤ lastDay.
   */
  const deadlineForLastDay = (lastDay: Temporal.PlainDate): Temporal.ZonedDateTime => {
    if (!closes) return lastDay.add({ days: 1 }).toZonedDateTime({ timeZone: zone });
    let d = lastDay;
    while (!isBusinessDay(d)) d = d.subtract({ days: 1 });
    return at(d, closes);
  };

  const supportDay = start.toPlainDate();
  let deadline: Temporal.ZonedDateTime;
  if (c.rule.kind === 'clearBusinessDays') {
    // The N business days before the support day; notice must be given before the earliest of them.
    let d = supportDay;
    for (let found = 0; found < c.rule.days; ) {
      d = d.subtract({ days: 1 });
      if (isBusinessDay(d)) found++;
      else noteHoliday(d);
    }
    deadline = deadlineForLastDay(d.subtract({ days: 1 }));
  } else if (c.rule.reading === 'calendar') {
    deadline = deadlineForLastDay(supportDay.subtract({ days: c.rule.days + 1 }));
  } else {
    // Same wall-clock time N days earlier; with the after-hours option, the close of the latest business
    // period that ends by then, unless that instant itself falls in business hours.
    const d0 = start.subtract({ days: c.rule.days });
    deadline = d0;
    if (opens && closes) {
      const d = d0.toPlainDate();
      const t = d0.toPlainTime();
      const business = isBusinessDay(d);
      const afterOpening = Temporal.PlainTime.compare(t, opens) > 0;
      const afterClosing = Temporal.PlainTime.compare(t, closes) > 0;
      if (business && afterClosing) deadline = deadlineForLastDay(d);
      else if (!(business && afterOpening)) deadline = deadlineForLastDay(d.subtract({ days: 1 }));
    }
  }

  const told = c.notifiedAt?.toZonedDateTimeISO(zone) ?? null;
  const counts = told ? effective(told) : null;
  let given = 0;
  if (counts && Temporal.ZonedDateTime.compare(counts, start) < 0) {
    const noticeDay = counts.toPlainDate();
    if (c.rule.kind === 'clearBusinessDays') {
      for (
        let d = noticeDay.add({ days: 1 });
        Temporal.PlainDate.compare(d, supportDay) < 0;
        d = d.add({ days: 1 })
      )
        if (isBusinessDay(d)) given++;
        else noteHoliday(d);
    } else if (c.rule.reading === 'calendar') {
      given = Math.max(0, noticeDay.until(supportDay, { largestUnit: 'day' }).days - 1);
    } else {
      given = counts.until(start, { largestUnit: 'day' }).days;
    }
  }

  const late = told === null || Temporal.ZonedDateTime.compare(told, deadline) >= 0;
  const shortNotice = c.noShow === true || late;
  const holidaysSkipped = [...skipped.values()].sort((a, b) => (a.date < b.date ? -1 : 1));
  return {
    shortNotice,
    clearDaysGiven: given,
    deadline: deadline.toString({ timeZoneName: 'never' }),
    noticeCountsFrom:
      counts && told && !counts.equals(told) ? counts.toString({ timeZoneName: 'never' }) : null,
    explanation: explain(c, { start, told, counts, deadline, given, shortNotice, holidaysSkipped }),
    holidaysSkipped,
  };
}

function explain(
  c: CancellationCase,
  x: {
    start: Temporal.ZonedDateTime;
    told: Temporal.ZonedDateTime | null;
    counts: Temporal.ZonedDateTime | null;
    deadline: Temporal.ZonedDateTime;
    given: number;
    shortNotice: boolean;
    holidaysSkipped: Holiday[];
  },
): string {
  const parts: string[] = [];
  if (c.noShow) parts.push('no-show (always counts as a short-notice cancellation)');
  if (x.told) {
    let told = `told ${whenText(x.told)}`;
    if (x.counts && !x.counts.equals(x.told))
      told += ` (outside business hours: counts from ${whenText(x.counts)})`;
    parts.push(told);
  } else if (!c.noShow) parts.push('not told');
  parts.push(`support ${whenText(x.start)}`);
  const unit =
    c.rule.kind === 'clearBusinessDays' ? 'clear business' : c.rule.reading === 'calendar' ? 'clear' : '';
  let needed = `${ruleText(c.rule)} needed`;
  if (x.holidaysSkipped.length > 0) {
    const where = c.regionName ? ` in ${c.regionName}` : '';
    const names = x.holidaysSkipped.map(
      (h) => `${dayText(Temporal.PlainDate.from(h.date))}${h.name ? ` (${h.name})` : ''}`,
    );
    needed += ` (${names.join(', ')} ${names.length === 1 ? 'was a public holiday' : 'were public holidays'}${where})`;
  }
  parts.push(needed);
  if (x.told) parts.push(`${plural(x.given, unit ? `${unit} day` : 'whole day')} given`);
  const dl = x.deadline;
  parts.push(
    dl.hour === 0 && dl.minute === 0
      ? `notice was due by the end of ${dayText(dl.toPlainDate().subtract({ days: 1 }))}`
      : `notice was due before ${whenText(dl)}`,
  );
  const percent = c.claimPercent ?? 100;
  parts.push(
    x.shortNotice
      ? `short notice → cancellation claim at ${percent}%`
      : 'in time → not a short-notice cancellation (nothing to claim)',
  );
  return parts.join('; ');
}
