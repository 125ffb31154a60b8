import { Readable } from 'node:stream';
import { z } from 'zod';
import type { ApiPart as Part } from '../http/app.js';
import { audit } from './audit.js';
import { auditCsv, listAudit, ZAuditFilters, ZAuditPage, ZAuditQuery } from './audit.service.js';

/** Browsing the audit log: administrators only (audit.read). */
export const auditApi: Part = {
  name: 'audit',
  plugin: async (app, { platform }) => {
    const { db } = platform;

    app.get(
      '/api/audit',
      {
        config: { access: 'perm:audit.read' },
        schema: {
          tags: ['audit'],
          summary: 'Audit records, newest first, filtered; page with nextCursor',
          querystring: ZAuditQuery,
          response: { 200: ZAuditPage },
        },
      },
      async (req) => listAudit(db, req.tenant.id, req.query),
    );

    app.get(
      '/api/audit.csv',
      {
        config: { access: 'perm:audit.read' },
        schema: {
          tags: ['audit'],
          summary: 'The filtered audit records as CSV (UTF-8, newest first)',
          querystring: ZAuditFilters,
          produces: ['text/csv'],
          response: { 200: z.string().meta({ description: 'CSV file' }) },
        },
      },
      async (req, reply) => {
        const lines = auditCsv(db, req.tenant.id, req.query);
        // exporting the log is itself worth a record: who took a copy of whose actions
        await audit(db, req, { action: 'audit.exported', entity: 'audit_log', data: { filters: req.query } });
        const day = new Date().toISOString().slice(0, 10);
        return reply
          .header('content-type', 'text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="audit-${req.tenant.slug}-${day}.csv"`)
          .header('cache-control', 'no-store')
          .send(Readable.from(lines) as unknown as string); // streamed: Fastify never serialises a stream
      },
    );
  },
};
