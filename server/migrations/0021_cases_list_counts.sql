CREATE INDEX "cases_tenant_unit_category" ON "cases" USING btree ("tenant_id","unit_id","state_category");--> statement-breakpoint
-- Workflows are cached per process for the case lists' state names (cases/case.service.ts): announce
-- their changes on dimos_changed like the tables of migration 0020.
CREATE TRIGGER workflows_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON workflows
  FOR EACH STATEMENT EXECUTE FUNCTION dimos_table_changed();
