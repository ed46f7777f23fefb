import { Temporal } from 'temporal-polyfill';
import type { BillableStayService } from '../accommodation/stay.types.js';

/** The nights of a stay service that begin in [periodFrom, periodTo]: a stay crossing the period is split. */
export function nightsInPeriod(s: BillableStayService, periodFrom: string, periodTo: string): string[] {
  const nights: string[] = [];
  let night = Temporal.PlainDate.from(s.arriveOn > periodFrom ? s.arriveOn : periodFrom);
  const leave = Temporal.PlainDate.from(s.leaveOn);
  const last = Temporal.PlainDate.from(periodTo);
  while (Temporal.PlainDate.compare(night, leave) < 0 && Temporal.PlainDate.compare(night, last) <= 0) {
    nights.push(night.toString());
    night = night.add({ days: 1 });
  }
  return nights;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** '4–7 Dec', '30 Nov – 3 Dec', '30 Dec 2026 – 2 Jan 2027': from the first night to the morning after the last. */
export function nightsRange(firstNight: string, lastNight: string): string {
  const from = Temporal.PlainDate.from(firstNight);
  const to = Temporal.PlainDate.from(lastNight).add({ days: 1 });
  const month = (d: Temporal.PlainDate) => MONTHS[d.month - 1]!;
  if (from.year !== to.year)
    return `${from.day} ${month(from)} ${from.year} – ${to.day} ${month(to)} ${to.year}`;
  if (from.month !== to.month) return `${from.day} ${month(from)} – ${to.day} ${month(to)}`;
  return `${from.day}–${to.day} ${month(to)}`;
}

export type StayLine = {
  service: BillableStayService;
  nights: string[];
  amountMinor: number;
  explanation: string;
};

/**
 * One line per service and run of consecutive nights (claimed nights of one service in one period are
 * consecutive unless an earlier invoice holds some of them): "Respite stay, Room 2 Bed A, 3 nights 4–7 Dec".
 */
export function stayLines(service: BillableStayService, nights: readonly string[]): StayLine[] {
  const sorted = [...nights].sort();
  const runs: string[][] = [];
  for (const night of sorted) {
    const run = runs.at(-1);
    const previous = run?.at(-1);
    if (run && previous && Temporal.PlainDate.from(previous).add({ days: 1 }).toString() === night)
      run.push(night);
    else runs.push([night]);
  }
  return runs.map((run) => {
    const unit = service.unit === 'day' ? 'day' : 'night';
    const count = `${run.length} ${unit}${run.length === 1 ? '' : 's'}`;
    return {
      service,
      nights: run,
      amountMinor: service.rateMinor * run.length,
      explanation: `${service.name}, ${service.roomName} ${service.bedName}, ${count} ${nightsRange(run[0]!, run.at(-1)!)}`,
    };
  });
}
