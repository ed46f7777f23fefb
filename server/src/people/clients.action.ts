import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { notFound } from '../shared/domain-error.js';
import { findClient, insertClient, updateClient } from './client.store.js';
import type { ClientInput, ClientPatch, ClientView } from './people.schemas.js';

export async function createClient(tx: Tx, actor: Actor, input: ClientInput): Promise<ClientView> {
  const client = await insertClient(tx, actor.organisationId, input);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'client',
    entityId: client.id,
    after: client,
  });
  return client;
}

export async function changeClient(
  tx: Tx,
  actor: Actor,
  id: string,
  patch: ClientPatch,
): Promise<ClientView> {
  const before = await findClient(tx, actor.organisationId, id, true);
  if (!before) throw notFound('Client');
  const after = (await updateClient(tx, actor.organisationId, id, patch))!;
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'client',
    entityId: id,
    before,
    after,
  });
  return after;
}
