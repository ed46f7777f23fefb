import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict } from '../shared/domain-error.js';
import type { CancelAttendanceInput, SessionView } from './session.schemas.js';

export async function cancelSession(_tx: Tx, _a: Actor, _id: string, _r: string): Promise<SessionView> {
  throw conflict('Not built yet');
}
export async function cancelAttendance(
  _tx: Tx,
  _a: Actor,
  _id: string,
  _p: string,
  _i: CancelAttendanceInput,
): Promise<SessionView> {
  throw conflict('Not built yet');
}
