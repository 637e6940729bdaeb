-- Every append-only history table refuses UPDATE, DELETE and TRUNCATE. The first migration gave
-- price_point and gpu_price a TRUNCATE trigger but not offering_event, license_version or
-- model_license: `TRUNCATE offering_event CASCADE` emptied the listing history. A BEFORE TRUNCATE
-- trigger fires for every table a TRUNCATE empties, so `TRUNCATE offering CASCADE`,
-- `TRUNCATE license CASCADE` or `TRUNCATE model CASCADE` are refused through their children too.
CREATE TRIGGER "offering_event_no_truncate" BEFORE TRUNCATE ON "offering_event"
  FOR EACH STATEMENT EXECUTE FUNCTION "reject_history_rewrite"();
CREATE TRIGGER "license_version_no_truncate" BEFORE TRUNCATE ON "license_version"
  FOR EACH STATEMENT EXECUTE FUNCTION "reject_history_rewrite"();
CREATE TRIGGER "model_license_no_truncate" BEFORE TRUNCATE ON "model_license"
  FOR EACH STATEMENT EXECUTE FUNCTION "reject_history_rewrite"();

-- The refusals hold in every session, also one that sets session_replication_role = replica (which
-- skips ordinary triggers; the synthetic loader uses it, and only inserts).
DO $$
DECLARE
  table_name text;
BEGIN
  FOREACH table_name IN ARRAY ARRAY['price_point', 'gpu_price', 'offering_event', 'license_version', 'model_license'] LOOP
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', table_name, table_name || '_append_only');
    EXECUTE format('ALTER TABLE %I ENABLE ALWAYS TRIGGER %I', table_name, table_name || '_no_truncate');
  END LOOP;
END;
$$;
