-- CreateTable
CREATE TABLE "catalog_revision" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "revision" BIGINT NOT NULL DEFAULT 0,
    "changed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "catalog_revision_pkey" PRIMARY KEY ("id")
);


-- The single revision row, bumped once per statement that writes the catalog.
INSERT INTO "catalog_revision" ("id", "revision") VALUES (1, 0);
ALTER TABLE "catalog_revision" ADD CONSTRAINT "catalog_revision_single_row" CHECK ("id" = 1);

CREATE FUNCTION "bump_catalog_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "catalog_revision" SET "revision" = "revision" + 1, "changed_at" = now() WHERE "id" = 1;
  RETURN NULL;
END;
$$;

DO $$
DECLARE
  table_name text;
BEGIN
  FOREACH table_name IN ARRAY ARRAY[
    'creator', 'model', 'model_alias', 'license', 'license_version', 'model_license', 'benchmark',
    'benchmark_result', 'provider', 'offering', 'offering_event', 'price_point', 'gpu_type', 'gpu_price',
    'deployment_profile', 'quarantined_price', 'scrape_run'
  ] LOOP
    EXECUTE format(
      'CREATE TRIGGER %I AFTER INSERT OR UPDATE OR DELETE ON %I FOR EACH STATEMENT EXECUTE FUNCTION "bump_catalog_revision"()',
      table_name || '_bumps_revision', table_name
    );
  END LOOP;
END;
$$;
