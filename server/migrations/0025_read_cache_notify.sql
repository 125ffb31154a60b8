-- More reads kept per process until their tables change (platform/db/change-cache.ts, migration 0020):
-- the public news list (content items and categories) and the staff inbox's counts per state
-- category, which change only when a case is filed, moves to another category or unit, or is removed.
CREATE TRIGGER content_items_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON content_items
  FOR EACH STATEMENT EXECUTE FUNCTION dimos_table_changed();
--> statement-breakpoint
CREATE TRIGGER content_categories_changed
  AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON content_categories
  FOR EACH STATEMENT EXECUTE FUNCTION dimos_table_changed();
--> statement-breakpoint
CREATE TRIGGER cases_counted_changed
  AFTER INSERT OR UPDATE OF tenant_id, unit_id, state_category OR DELETE OR TRUNCATE ON cases
  FOR EACH STATEMENT EXECUTE FUNCTION dimos_table_changed();
