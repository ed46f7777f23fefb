import { splitZoned, wallClockToInstant } from '../scheduling/calendar-time';
import type { CompletionInput, Session } from './sessions-api';

export type LegDraft = {
  leg: 'to' | 'from' | 'between';
  minutes: number;
  km: number;
  vehicle: 'own' | 'company';
  tolls: number;
  parking: number;
};

export type WorkerDraft = {
  participantId: string;
  name: string;
  start: string;
  end: string;
  travel: LegDraft[];
};

export type TransportDraft = {
  workerParticipantId: string;
  km: number;
  minutes: number;
  clientParticipantIds: string[];
  vehicleType: 'standard' | 'modified';
  tolls: number;
  parking: number;
};

export type CompletionDraft = {
  travelArea: 'auto' | 'metro' | 'regional' | 'remote';
  workers: WorkerDraft[];
  transport: TransportDraft[];
  /** participantId → percent (25 = 25%); absent: the server's 1/ratio. */
  portions: Record<string, number>;
  /** Cancelled clients charged: participantId → percent. */
  charged: Record<string, number>;
};

export const newLeg = (): LegDraft => ({
  leg: 'to',
  minutes: 0,
  km: 0,
  vehicle: 'own',
  tolls: 0,
  parking: 0,
});

/** The form starts from the scheduled times of each worker still on the session, without travel. */
export function initialDraft(session: Session): CompletionDraft {
  const start = splitZoned(session.startsAt, session.timeZone).time;
  const end = splitZoned(session.endsAt, session.timeZone).time;
  return {
    travelArea: 'auto',
    workers: session.workers
      .filter((w) => w.type === 'staff' && w.status !== 'cancelled')
      .map((w) => ({ participantId: w.participantId, name: w.name, start, end, travel: [] })),
    transport: [],
    portions: {},
    charged: {},
  };
}

const cents = (dollars: number) => Math.round(dollars * 100);
const basisPoints = (percent: number) => Math.round(percent * 100);

/** A wall clock on the session's date in its zone; an end before the start is on the next day. */
function instantOn(session: Session, time: string, after?: string): string {
  const date = splitZoned(session.startsAt, session.timeZone).date;
  const at = wallClockToInstant(`${date}T${time}`, session.timeZone);
  if (after && at.toString() <= after) return at.add({ hours: 24 }).toString();
  return at.toString();
}

/** The draft → the API's completion input (also what the preview is asked for). Null while a time is unfinished. */
export function toCompletionInput(session: Session, draft: CompletionDraft): CompletionInput | null {
  if (draft.workers.some((w) => !/^\d{2}:\d{2}$/.test(w.start) || !/^\d{2}:\d{2}$/.test(w.end))) return null;
  return {
    ...(draft.travelArea === 'auto' ? {} : { travelArea: draft.travelArea }),
    workers: draft.workers.map((w) => {
      const actualStart = instantOn(session, w.start);
      return {
        participantId: w.participantId,
        actualStart,
        actualEnd: instantOn(session, w.end, actualStart),
        travel: w.travel.map((leg) => ({
          leg: leg.leg,
          minutes: leg.minutes,
          km: leg.km,
          vehicle: leg.vehicle,
          tollsMinor: cents(leg.tolls),
          parkingMinor: cents(leg.parking),
        })),
      };
    }),
    transport: draft.transport.map((t) => ({
      workerParticipantId: t.workerParticipantId,
      km: t.km,
      minutes: t.minutes,
      clientParticipantIds: t.clientParticipantIds,
      vehicleType: t.vehicleType,
      tollsMinor: cents(t.tolls),
      parkingMinor: cents(t.parking),
    })),
    ...(Object.keys(draft.portions).length
      ? {
          apportionment: Object.entries(draft.portions).map(([participantId, percent]) => ({
            participantId,
            portionBasisPoints: basisPoints(percent),
          })),
        }
      : {}),
    cancelledCharges: Object.entries(draft.charged).map(([participantId, percent]) => ({
      participantId,
      portionBasisPoints: basisPoints(percent),
    })),
  };
}
