import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { insertProvider } from './external-provider.store.js';

export async function createProvider(tx: Tx, actor: Actor, input: Parameters<typeof insertProvider>[2]) {
  const provider = await insertProvider(tx, actor.organisationId, input);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'create',
    entityType: 'external_provider',
    entityId: provider.id,
    after: provider,
  });
  return provider;
}
