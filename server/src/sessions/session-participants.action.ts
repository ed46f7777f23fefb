import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict } from '../shared/domain-error.js';
import type { AddClientInput, AddWorkerInput, SessionView } from './session.schemas.js';

export async function addClient(_tx: Tx, _a: Actor, _id: string, _i: AddClientInput): Promise<SessionView> {
  throw conflict('Not built yet');
}
export async function addWorker(_tx: Tx, _a: Actor, _id: string, _i: AddWorkerInput): Promise<SessionView> {
  throw conflict('Not built yet');
}
export async function changeWorker(
  _tx: Tx,
  _a: Actor,
  _id: string,
  _p: string,
  _s: string,
): Promise<SessionView> {
  throw conflict('Not built yet');
}
export async function removeParticipant(_tx: Tx, _a: Actor, _id: string, _p: string): Promise<SessionView> {
  throw conflict('Not built yet');
}
