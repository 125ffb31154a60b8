-- Server processes cache what they read on every request (resolved sessions, the unit tree, ...) for
-- a few seconds (platform/db/change-cache.ts). These triggers announce on the channel dimos_changed
-- the name of every table those caches are built from, at the commit of any change to it (from
-- whichever process, job or script made it), so every process drops what it holds at once.
CREATE OR REPLACE FUNCTION dimos_table_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('dimos_changed', TG_TABLE_NAME);
  RETURN NULL;
END
$$;
--> statement-breakpoint
CREATE TRIGGER sessions_changed
  AFTER UPDATE OF revoked_at, expires_at, second_factor, user_id, tenant_id, token_hash OR DELETE OR TRUNCATE ON sessions
  FOR EACH STATEMENT EXECUTE FUNCTION dimos_table_changed();
--> statement-breakpoint
CREATE TRIGGER users_changed
  AFTER UPDATE OF kind, disabled_at, partner_org_id, partner_role, phone_verified_at, email_verified_at, taxisnet_verified_at, tenant_id OR DELETE OR TRUNCATE ON users
  FOR EACH STATEMENT EXECUTE FUNCTION dimos_table_changed();
--> statement-breakpoint
CREATE TRIGGER role_assignments_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON role_assignments
  FOR EACH STATEMENT EXECUTE FUNCTION dimos_table_changed();
--> statement-breakpoint
CREATE TRIGGER devices_changed
  AFTER UPDATE OF user_id, tenant_id, token_hash OR DELETE OR TRUNCATE ON devices
  FOR EACH STATEMENT EXECUTE FUNCTION dimos_table_changed();
--> statement-breakpoint
CREATE TRIGGER org_units_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON org_units
  FOR EACH STATEMENT EXECUTE FUNCTION dimos_table_changed();
