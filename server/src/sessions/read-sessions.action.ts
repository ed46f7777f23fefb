import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict } from '../shared/domain-error.js';
import type { SessionListQuery, SessionSummary, SessionView } from './session.schemas.js';

export async function visibleSession(_tx: Tx, _actor: Actor, _id: string): Promise<SessionView> {
  throw conflict('Not built yet');
}

export async function listSessions(_tx: Tx, _actor: Actor, _q: SessionListQuery): Promise<SessionSummary[]> {
  throw conflict('Not built yet');
}
