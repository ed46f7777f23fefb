import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { inTenant } from '../platform/http/access.js';
import { commonErrors, idParams, problemSchema } from '../platform/http/schemas.js';
import { notFound } from '../shared/domain-error.js';
import { PERMISSION_KEYS, PERMISSIONS, type Permission } from './permissions.js';
import { findRole, listRoles, type RoleRecord } from './role.store.js';
import { changeRole, createRole, removeRole } from './roles.action.js';

const permissionKey = z.enum(PERMISSION_KEYS as [Permission, ...Permission[]]).meta({ id: 'PermissionKey' });
const roleSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    description: z.string().nullable(),
    permissions: z.array(z.string()),
    builtIn: z.boolean(),
    key: z.string().nullable(),
  })
  .meta({ id: 'Role' });
const rolePatch = z.object({
  name: z.string().trim().min(1).max(100).optional(),
  description: z.string().trim().max(500).nullable().optional(),
  permissions: z
    .array(permissionKey)
    .max(PERMISSION_KEYS.length)
    .transform((p) => [...new Set(p)])
    .optional(),
});
const roleInput = rolePatch.required({ name: true, permissions: true }).extend({
  description: z.string().trim().max(500).nullable().default(null),
});
const errors = { ...commonErrors, 409: problemSchema };

const toRole = (r: RoleRecord) => ({ ...r, builtIn: r.key !== null });

export const roleRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/permissions',
    {
      config: { access: 'signed-in' },
      schema: {
        tags: ['roles'],
        summary: 'Every permission key, for the role editor',
        response: {
          200: z.object({
            items: z.array(z.object({ key: z.string(), label: z.string(), group: z.string() })),
          }),
        },
      },
    },
    async () => ({ items: PERMISSIONS.map((p) => ({ ...p })) }),
  );
  app.get(
    '/roles',
    {
      // Roles are also assignees of services (a step "for any worker"), so planners may list them.
      config: {
        access: [
          'roles.manage',
          'staff.manage',
          'services.write',
          'services.deploy_plan',
          'services.configure',
        ],
      },
      schema: {
        summary: "The organisation's roles",
        tags: ['roles'],
        response: { 200: z.object({ items: z.array(roleSchema) }), ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => ({
        items: (await listRoles(tx, actor.organisationId)).map(toRole),
      })),
  );
  app.get(
    '/roles/:id',
    {
      config: { access: 'roles.manage' },
      schema: {
        summary: 'One role with its permissions',
        tags: ['roles'],
        params: idParams,
        response: { 200: roleSchema, ...errors },
      },
    },
    (request) =>
      inTenant(request, async (tx, actor) => {
        const role = await findRole(tx, actor.organisationId, request.params.id);
        if (!role) throw notFound('Role');
        return toRole(role);
      }),
  );
  app.post(
    '/roles',
    {
      config: { access: 'roles.manage' },
      schema: {
        summary: 'Create a role',
        tags: ['roles'],
        body: roleInput,
        response: { 201: roleSchema, ...errors },
      },
    },
    async (request, reply) =>
      reply.status(201).send(toRole(await inTenant(request, (tx, a) => createRole(tx, a, request.body)))),
  );
  app.patch(
    '/roles/:id',
    {
      config: { access: 'roles.manage' },
      schema: {
        summary: "Change a role's name, description or permissions",
        tags: ['roles'],
        params: idParams,
        body: rolePatch,
        response: { 200: roleSchema, ...errors },
      },
    },
    async (request) =>
      toRole(await inTenant(request, (tx, a) => changeRole(tx, a, request.params.id, request.body))),
  );
  app.delete(
    '/roles/:id',
    {
      config: { access: 'roles.manage' },
      schema: {
        summary: 'Delete a role that no one holds',
        tags: ['roles'],
        params: idParams,
        response: { 204: z.null(), ...errors },
      },
    },
    async (request, reply) => {
      await inTenant(request, (tx, a) => removeRole(tx, a, request.params.id));
      return reply.status(204).send(null);
    },
  );
};
