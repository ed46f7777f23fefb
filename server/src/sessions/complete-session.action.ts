import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { conflict } from '../shared/domain-error.js';
import type { CompletionInput, CompletionPreview, SessionView } from './session.schemas.js';

export async function previewCompletion(
  _tx: Tx,
  _a: Actor,
  _id: string,
  _i: CompletionInput,
): Promise<CompletionPreview> {
  throw conflict('Not built yet');
}
export async function completeSession(
  _tx: Tx,
  _a: Actor,
  _id: string,
  _i: CompletionInput,
): Promise<SessionView> {
  throw conflict('Not built yet');
}
