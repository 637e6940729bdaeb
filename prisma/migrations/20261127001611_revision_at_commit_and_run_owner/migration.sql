-- AlterTable
ALTER TABLE "scrape_run" ADD COLUMN     "runner" TEXT;

-- CreateTable
CREATE TABLE "catalog_revision_pending" (
    "txid" BIGINT NOT NULL,

    CONSTRAINT "catalog_revision_pending_pkey" PRIMARY KEY ("txid")
);

-- The statement triggers used to bump catalog_revision themselves, which locked its one row from a
-- transaction's first write until its COMMIT: every other write, on every instance, waited for the
-- whole of an import (a second import of the same source queued behind the first instead of being
-- refused). Now a statement only notes, once per transaction, that the catalog changed; the bump
-- happens at COMMIT, in a deferred trigger. Readers still see the new revision in the same commit
-- as the data, so caches keyed on it stay right.
CREATE OR REPLACE FUNCTION "bump_catalog_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  tx bigint := txid_current();
BEGIN
  IF current_setting('model_ledger.revision_pending', true) IS DISTINCT FROM tx::text THEN
    INSERT INTO "catalog_revision_pending" ("txid") VALUES (tx) ON CONFLICT DO NOTHING;
    PERFORM set_config('model_ledger.revision_pending', tx::text, true);
  END IF;
  RETURN NULL;
END;
$$;

CREATE FUNCTION "apply_catalog_revision"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE "catalog_revision" SET "revision" = "revision" + 1, "changed_at" = now() WHERE "id" = 1;
  DELETE FROM "catalog_revision_pending" WHERE "txid" = NEW."txid";
  RETURN NULL;
END;
$$;

CREATE CONSTRAINT TRIGGER "catalog_revision_pending_applies" AFTER INSERT ON "catalog_revision_pending"
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "apply_catalog_revision"();
