import type { Actor } from '../identity/actor.js';
import type { AuditEntry } from './audit.types.js';

/** The "who and from where" part of an audit entry, taken from the acting user. */
export function auditBy(
  actor: Actor,
): Pick<AuditEntry, 'organisationId' | 'actorUserId' | 'actorLabel' | 'ip'> {
  return {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    ip: actor.ip,
  };
}
