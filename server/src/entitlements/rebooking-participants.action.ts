import type { Actor } from '../identity/actor.js';
import { listClients } from '../people/client.store.js';
import type { Tx } from '../platform/db/database.js';
import { loadCase } from './cases.action.js';

const LIMIT = 20;

/**
 * Who else may attend a couple, family or group session of a case (wizard step 6): the organisation's active
 * clients matching `q` (names in either order), the case's own client aside. Names only: an associate picks a
 * person here without the client records' other details.
 */
export async function rebookingParticipants(tx: Tx, actor: Actor, caseId: string, q: string | undefined) {
  const { c } = await loadCase(tx, actor, caseId);
  const rows = await listClients(tx, actor.organisationId, {
    ...(q?.trim() ? { q: q.trim() } : {}),
    status: 'active',
    limit: LIMIT + 1,
  });
  const items = rows
    .filter((r) => r.id !== c.clientId)
    .slice(0, LIMIT)
    .map((r) => ({
      id: r.id,
      name: `${r.preferred_name ?? r.given_name} ${r.family_name}`,
    }));
  return { items };
}
