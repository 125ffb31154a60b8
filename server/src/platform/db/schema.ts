/** Every table of the platform; modules' tables are added by their own schema.ts files (see drizzle.config.ts). */

export * from '../audit/audit.schema.js';
export * from '../calendar/calendar.schema.js';
export * from '../files/files.schema.js';
export * from '../http/rate-limit.schema.js';
export * from '../identity/identity.schema.js';
export * from '../jobs/jobs.schema.js';
export * from '../messaging/messaging.schema.js';
export * from '../tenancy/org.schema.js';
export * from '../tenancy/tenancy.schema.js';
