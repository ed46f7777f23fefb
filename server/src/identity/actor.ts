import type { Permission } from './permissions.js';

/** Who is making a request: resolved from the session, passed explicitly into every use case. */
export type Actor = {
  organisationId: string;
  userId: string;
  staffId: string;
  email: string;
  label: string;
  permissions: ReadonlySet<Permission>;
  ip: string | null;
};

export function can(actor: Actor, permission: Permission): boolean {
  return actor.permissions.has(permission);
}
