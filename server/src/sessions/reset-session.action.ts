import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict } from '../shared/domain-error.js';
import type { SessionView } from './session.schemas.js';

export async function deleteSession(_tx: Tx, _a: Actor, _id: string): Promise<void> {
  throw conflict('Not built yet');
}
export async function resetSession(_tx: Tx, _a: Actor, _id: string): Promise<SessionView> {
  throw conflict('Not built yet');
}
