import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict } from '../shared/domain-error.js';
import type { SessionInput } from './session.schemas.js';

export async function createSession(_tx: Tx, _actor: Actor, _input: SessionInput): Promise<never> {
  throw conflict('Not built yet');
}
