import { z } from 'zod';
import { can } from '../access/access.js';
import { calendarRoutes } from '../calendar/calendar.routes.js';
import { ChangeCache } from '../db/change-cache.js';
import type { ApiPart as Part } from '../http/app.js';
import {
  createPartner,
  deletePartner,
  getPartner,
  listPartners,
  listPartnerUsers,
  updatePartner,
  ZPartner,
  ZPartnerBody,
  ZPartnerPatch,
  ZPartnerQuery,
  ZPartnerUser,
} from './partner.service.js';
import { rolesCatalogue, ZRolesCatalogue } from './roles.js';
import {
  createStaff,
  getStaff,
  listStaff,
  replaceRoles,
  updateStaff,
  ZCreateStaff,
  ZRoleGrants,
  ZStaff,
  ZStaffPatch,
  ZStaffQuery,
} from './staff.service.js';
import { tenantView, updateTenant, ZTenantPatch, ZTenantPublic } from './tenant.service.js';
import { createUnit, deleteUnit, getUnit, listUnitTree, updateUnit, ZUnit, ZUnitBody, ZUnitNode, ZUnitPatch } from './unit.service.js';

const ZId = z.object({ id: z.uuid() });
const ZUnitTree = z.object({ items: z.array(ZUnitNode) });
const ZDeleted = z.null().meta({ description: 'Deleted' });

/**
 * Administration of the municipality: its settings, org units, staff and their roles,
 * partner organisations, and the roles catalogue. Routes stay thin; the services own the
 * transactions and write the audit records.
 */
export const orgApi: Part = {
  name: 'org',
  plugin: async (app, { platform }) => {
    const { db } = platform;
    const unitTrees = new ChangeCache<string>(platform.database, ['org_units', 'role_assignments']);

    // ---- working calendar (national holidays + the municipality's days off) ---------------
    await calendarRoutes(app, db);

    // ---- tenant -------------------------------------------------------------------------
    app.get(
      '/api/tenant',
      {
        config: { access: 'public' },
        schema: {
          tags: ['tenant'],
          summary: 'The municipality: names, contacts, branding and boundary (settings only for administrators)',
          response: { 200: ZTenantPublic },
        },
      },
      async (req) => tenantView(req.tenant, can(req.actor, 'tenant.manage')),
    );

    app.patch(
      '/api/tenant',
      {
        config: { access: 'perm:tenant.manage' },
        schema: { tags: ['tenant'], summary: "Change the municipality's settings", body: ZTenantPatch, response: { 200: ZTenantPublic } },
      },
      async (req) => {
        const row = await updateTenant(db, req, req.body);
        // host/slug lookups are cached for a few seconds; drop them so the change shows at once
        platform.tenants.invalidate();
        return tenantView(row, true);
      },
    );

    // ---- units --------------------------------------------------------------------------
    app.get(
      '/api/units',
      {
        config: { access: 'staff' },
        schema: { tags: ['units'], summary: 'Org units as a tree', response: { 200: ZUnitTree } },
      },
      async (req, reply) => {
        // every staff screen asks for the tree: kept as its JSON answer per tenant until a unit or a role changes
        const json = await unitTrees.get(req.tenant.id, async () =>
          JSON.stringify(ZUnitTree.parse({ items: await listUnitTree(db, req.tenant.id) })),
        );
        // a string is sent as it is (it was checked against the schema when made)
        return reply.type('application/json; charset=utf-8').send(json as unknown as z.infer<typeof ZUnitTree>);
      },
    );

    app.get(
      '/api/units/:id',
      { config: { access: 'staff' }, schema: { tags: ['units'], summary: 'One org unit', params: ZId, response: { 200: ZUnit } } },
      async (req) => getUnit(db, req.tenant.id, req.params.id),
    );

    app.post(
      '/api/units',
      {
        config: { access: 'perm:units.manage' },
        schema: { tags: ['units'], summary: 'Create an org unit', body: ZUnitBody, response: { 201: ZUnit } },
      },
      async (req, reply) => reply.status(201).send(await createUnit(db, req, req.body)),
    );

    app.patch(
      '/api/units/:id',
      {
        config: { access: 'perm:units.manage' },
        schema: { tags: ['units'], summary: 'Change or move an org unit', params: ZId, body: ZUnitPatch, response: { 200: ZUnit } },
      },
      async (req) => updateUnit(db, req, req.params.id, req.body),
    );

    app.delete(
      '/api/units/:id',
      {
        config: { access: 'perm:units.manage' },
        schema: { tags: ['units'], summary: 'Delete an org unit without sub-units or staff', params: ZId, response: { 204: ZDeleted } },
      },
      async (req, reply) => {
        await deleteUnit(db, req, req.params.id);
        return reply.status(204).send(null);
      },
    );

    // ---- staff --------------------------------------------------------------------------
    app.get(
      '/api/staff',
      {
        config: { access: 'perm:staff.read' },
        schema: {
          tags: ['staff'],
          summary: 'Staff members, filtered by unit, role and text',
          querystring: ZStaffQuery,
          response: { 200: z.object({ items: z.array(ZStaff), total: z.number().int() }) },
        },
      },
      async (req) => listStaff(db, req, req.query),
    );

    app.get(
      '/api/staff/:id',
      {
        config: { access: 'perm:staff.read' },
        schema: { tags: ['staff'], summary: 'One staff member', params: ZId, response: { 200: ZStaff } },
      },
      async (req) => getStaff(db, req, req.params.id),
    );

    app.post(
      '/api/staff',
      {
        config: { access: 'perm:staff.manage' },
        schema: {
          tags: ['staff'],
          summary: 'Create a staff member with role grants; they set a password through an invitation',
          body: ZCreateStaff,
          response: { 201: ZStaff.extend({ invitationRequired: z.literal(true) }) },
        },
      },
      async (req, reply) => reply.status(201).send({ ...(await createStaff(db, req, req.body)), invitationRequired: true as const }),
    );

    app.patch(
      '/api/staff/:id',
      {
        config: { access: 'perm:staff.manage' },
        schema: {
          tags: ['staff'],
          summary: 'Change names, phone, language, or disable (signs them out everywhere)',
          params: ZId,
          body: ZStaffPatch,
          response: { 200: ZStaff },
        },
      },
      async (req) => updateStaff(db, req, req.params.id, req.body),
    );

    app.put(
      '/api/staff/:id/roles',
      {
        config: { access: 'perm:staff.manage' },
        schema: {
          tags: ['staff'],
          summary: "Replace a staff member's role grants",
          params: ZId,
          body: z.object({ roles: ZRoleGrants }).strict(),
          response: { 200: ZStaff },
        },
      },
      async (req) => replaceRoles(db, req, req.params.id, req.body.roles),
    );

    app.get(
      '/api/roles',
      {
        config: { access: 'staff' },
        schema: { tags: ['staff'], summary: 'Staff roles and the permissions each holds', response: { 200: ZRolesCatalogue } },
      },
      async () => rolesCatalogue(),
    );

    // ---- partners -----------------------------------------------------------------------
    app.get(
      '/api/partners',
      {
        config: { access: 'perm:partners.manage' },
        schema: {
          tags: ['partners'],
          summary: 'Partner organisations',
          querystring: ZPartnerQuery,
          response: { 200: z.object({ items: z.array(ZPartner), total: z.number().int() }) },
        },
      },
      async (req) => listPartners(db, req.tenant.id, req.query),
    );

    app.get(
      '/api/partners/:id',
      {
        config: { access: 'perm:partners.manage' },
        schema: { tags: ['partners'], summary: 'One partner organisation', params: ZId, response: { 200: ZPartner } },
      },
      async (req) => getPartner(db, req.tenant.id, req.params.id),
    );

    app.get(
      '/api/partners/:id/users',
      {
        config: { access: 'perm:partners.manage' },
        schema: {
          tags: ['partners'],
          summary: "A partner organisation's users",
          params: ZId,
          response: { 200: z.object({ items: z.array(ZPartnerUser) }) },
        },
      },
      async (req) => ({ items: await listPartnerUsers(db, req.tenant.id, req.params.id) }),
    );

    app.post(
      '/api/partners',
      {
        config: { access: 'perm:partners.manage' },
        schema: { tags: ['partners'], summary: 'Create a partner organisation', body: ZPartnerBody, response: { 201: ZPartner } },
      },
      async (req, reply) => reply.status(201).send(await createPartner(db, req, req.body)),
    );

    app.patch(
      '/api/partners/:id',
      {
        config: { access: 'perm:partners.manage' },
        schema: {
          tags: ['partners'],
          summary: 'Change a partner organisation',
          params: ZId,
          body: ZPartnerPatch,
          response: { 200: ZPartner },
        },
      },
      async (req) => updatePartner(db, req, req.params.id, req.body),
    );

    app.delete(
      '/api/partners/:id',
      {
        config: { access: 'perm:partners.manage' },
        schema: {
          tags: ['partners'],
          summary: 'Delete a partner organisation that has no users',
          params: ZId,
          response: { 204: ZDeleted },
        },
      },
      async (req, reply) => {
        await deletePartner(db, req, req.params.id);
        return reply.status(204).send(null);
      },
    );
  },
};
