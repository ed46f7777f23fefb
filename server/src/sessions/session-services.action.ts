import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict } from '../shared/domain-error.js';
import type { ServiceInput, SessionView } from './session.schemas.js';

export async function setServices(_tx: Tx, _a: Actor, _id: string, _s: ServiceInput[]): Promise<SessionView> {
  throw conflict('Not built yet');
}
export async function setServiceTypes(_tx: Tx, _a: Actor, _id: string, _s: string[]): Promise<SessionView> {
  throw conflict('Not built yet');
}
