import { recordAudit } from '../audit/audit.store.js';
import { auditBy } from '../audit/audit-actor.js';
import type { Actor } from '../identity/actor.js';
import type { Tx } from '../platform/db/database.js';
import { overdueAfterDays, saveOverdueAfterDays } from './appointment.store.js';

export async function readAppointmentSettings(tx: Tx, actor: Actor) {
  return { overdueAfterDays: await overdueAfterDays(tx, actor.organisationId) };
}

/** After how many days an appointment not completed is flagged to the associate and the coordinator. */
export async function saveAppointmentSettings(tx: Tx, actor: Actor, input: { overdueAfterDays: number }) {
  const before = await readAppointmentSettings(tx, actor);
  await saveOverdueAfterDays(tx, actor.organisationId, input.overdueAfterDays);
  await recordAudit(tx, {
    ...auditBy(actor),
    action: 'update',
    entityType: 'appointment_settings',
    entityId: actor.organisationId,
    before,
    after: input,
  });
  return input;
}
