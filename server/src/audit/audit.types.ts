export type AuditAction = 'create' | 'update' | 'delete' | 'sign_in' | 'sign_in_failed' | 'sign_out';

/** One entry of the append-only audit trail. */
export type AuditEntry = {
  organisationId: string;
  actorUserId: string | null;
  actorLabel: string | null;
  ip: string | null;
  action: AuditAction;
  entityType: string;
  entityId: string | null;
  before?: unknown;
  after?: unknown;
};
