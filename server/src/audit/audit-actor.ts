import type { AuditEntry } from './audit.types.js';

/**
 * The "who and from where" part of an audit entry, taken from the acting user (identity's `Actor`; described
 * by shape so the audit trail, which every module writes to, depends on no module).
 */
export function auditBy(actor: {
  organisationId: string;
  userId: string;
  label: string;
  ip: string | null;
}): Pick<AuditEntry, 'organisationId' | 'actorUserId' | 'actorLabel' | 'ip'> {
  return {
    organisationId: actor.organisationId,
    actorUserId: actor.userId,
    actorLabel: actor.label,
    ip: actor.ip,
  };
}
