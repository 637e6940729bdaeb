-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "model_kind" AS ENUM ('closed', 'open-weights');

-- CreateEnum
CREATE TYPE "model_status" AS ENUM ('active', 'deprecated', 'discovered');

-- CreateEnum
CREATE TYPE "commercial_use" AS ENUM ('allowed', 'conditional', 'forbidden');

-- CreateEnum
CREATE TYPE "provider_kind" AS ENUM ('closed-lab', 'inference-host', 'cloud', 'gpu-cloud', 'self-host-runtime');

-- CreateEnum
CREATE TYPE "offering_status" AS ENUM ('listed', 'unlisted');

-- CreateEnum
CREATE TYPE "offering_event_kind" AS ENUM ('listed', 'unlisted', 'relisted');

-- CreateEnum
CREATE TYPE "price_component" AS ENUM ('input', 'output', 'cached_input', 'cache_write', 'batch_input', 'batch_output', 'reasoning', 'audio_input', 'audio_output', 'image', 'request', 'second', 'gpu_hour');

-- CreateEnum
CREATE TYPE "scrape_run_status" AS ENUM ('running', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "quarantine_status" AS ENUM ('pending', 'accepted', 'rejected');

-- CreateTable
CREATE TABLE "creator" (
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "url" TEXT,
    "country" TEXT,
    "source" TEXT NOT NULL DEFAULT 'seed',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "creator_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "model" (
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "family" TEXT,
    "creator_slug" TEXT,
    "kind" "model_kind" NOT NULL,
    "status" "model_status" NOT NULL DEFAULT 'active',
    "parameters_b" DECIMAL(12,3),
    "active_parameters_b" DECIMAL(12,3),
    "context_window" INTEGER,
    "max_output_tokens" INTEGER,
    "input_modalities" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "output_modalities" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "release_date" DATE,
    "knowledge_cutoff" TEXT,
    "license_id" TEXT,
    "hugging_face_id" TEXT,
    "description" TEXT,
    "fact_sources" JSONB NOT NULL DEFAULT '{}',
    "source" TEXT NOT NULL DEFAULT 'seed',
    "scrape_run_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "model_alias" (
    "alias" TEXT NOT NULL,
    "model_slug" TEXT NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'seed',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_alias_pkey" PRIMARY KEY ("alias")
);

-- CreateTable
CREATE TABLE "license" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "spdx_id" TEXT,
    "category" TEXT NOT NULL,
    "url" TEXT,
    "commercial_use" "commercial_use" NOT NULL,
    "user_cap_mau" BIGINT,
    "source" TEXT NOT NULL DEFAULT 'seed',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "license_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "license_version" (
    "id" SERIAL NOT NULL,
    "license_id" TEXT NOT NULL,
    "version" TEXT NOT NULL,
    "effective_from" DATE NOT NULL,
    "url" TEXT,
    "commercial_use" "commercial_use" NOT NULL,
    "user_cap_mau" BIGINT,
    "terms" JSONB NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'seed',
    "source_url" TEXT,
    "supersedes_id" INTEGER,
    "recorded_by" TEXT,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "license_version_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "model_license" (
    "id" SERIAL NOT NULL,
    "model_slug" TEXT NOT NULL,
    "license_id" TEXT NOT NULL,
    "valid_from" DATE NOT NULL,
    "source" TEXT NOT NULL DEFAULT 'seed',
    "source_url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "model_license_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "benchmark" (
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT,
    "unit" TEXT NOT NULL DEFAULT 'percent',
    "higher_is_better" BOOLEAN NOT NULL DEFAULT true,
    "url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "benchmark_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "benchmark_result" (
    "id" SERIAL NOT NULL,
    "model_slug" TEXT NOT NULL,
    "benchmark_slug" TEXT NOT NULL,
    "score" DECIMAL(10,4) NOT NULL,
    "setting" TEXT NOT NULL DEFAULT '',
    "measured_on" DATE,
    "source" TEXT NOT NULL,
    "source_url" TEXT,
    "scrape_run_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "benchmark_result_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "provider" (
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "kinds" "provider_kind"[],
    "url" TEXT,
    "pricing_model" TEXT,
    "description" TEXT,
    "source" TEXT NOT NULL DEFAULT 'seed',
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "provider_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "offering" (
    "id" SERIAL NOT NULL,
    "provider_slug" TEXT NOT NULL,
    "model_slug" TEXT NOT NULL,
    "provider_model_id" TEXT NOT NULL,
    "status" "offering_status" NOT NULL DEFAULT 'listed',
    "listed_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "unlisted_at" TIMESTAMPTZ(3),
    "supports_tool_calling" BOOLEAN,
    "supports_structured_output" BOOLEAN,
    "supports_prompt_caching" BOOLEAN,
    "supports_batch" BOOLEAN,
    "supports_fine_tuning" BOOLEAN,
    "supports_vision" BOOLEAN,
    "context_window" INTEGER,
    "max_output_tokens" INTEGER,
    "limits" JSONB,
    "latency_ms_p50" INTEGER,
    "throughput_tokens_per_sec" DECIMAL(10,2),
    "region" TEXT,
    "source" TEXT NOT NULL DEFAULT 'seed',
    "scrape_run_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "offering_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "offering_event" (
    "id" BIGSERIAL NOT NULL,
    "offering_id" INTEGER NOT NULL,
    "kind" "offering_event_kind" NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL,
    "scrape_run_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "offering_event_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "price_point" (
    "id" BIGSERIAL NOT NULL,
    "offering_id" INTEGER NOT NULL,
    "component" "price_component" NOT NULL,
    "unit" TEXT NOT NULL,
    "condition_key" TEXT NOT NULL DEFAULT '',
    "condition" JSONB,
    "usd" DECIMAL(24,12),
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "observed_at" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL,
    "source_url" TEXT,
    "scrape_run_id" INTEGER,
    "supersedes_id" BIGINT,
    "recorded_by" TEXT,
    "reason" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "price_point_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "gpu_type" (
    "slug" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "vendor" TEXT NOT NULL,
    "memory_gb" INTEGER NOT NULL,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gpu_type_pkey" PRIMARY KEY ("slug")
);

-- CreateTable
CREATE TABLE "gpu_price" (
    "id" BIGSERIAL NOT NULL,
    "gpu_slug" TEXT NOT NULL,
    "provider_slug" TEXT NOT NULL,
    "pricing_tier" TEXT NOT NULL DEFAULT 'on-demand',
    "usd_per_hour" DECIMAL(14,6),
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "observed_at" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL,
    "source_url" TEXT,
    "scrape_run_id" INTEGER,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "gpu_price_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "deployment_profile" (
    "id" SERIAL NOT NULL,
    "model_slug" TEXT NOT NULL,
    "gpu_slug" TEXT NOT NULL,
    "gpus_per_replica" INTEGER NOT NULL,
    "sustained_tokens_per_second" DECIMAL(12,2) NOT NULL,
    "runtime" TEXT NOT NULL DEFAULT 'vllm',
    "infrastructure_usd_per_month" DECIMAL(14,2) NOT NULL DEFAULT 0,
    "notes" TEXT,
    "source" TEXT NOT NULL DEFAULT 'seed',
    "source_url" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "deployment_profile_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "scrape_run" (
    "id" SERIAL NOT NULL,
    "source" TEXT NOT NULL,
    "url" TEXT,
    "as_of" TIMESTAMPTZ(3) NOT NULL,
    "trigger" TEXT NOT NULL DEFAULT 'cli',
    "dry_run" BOOLEAN NOT NULL DEFAULT false,
    "status" "scrape_run_status" NOT NULL DEFAULT 'running',
    "started_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finished_at" TIMESTAMPTZ(3),
    "seen" INTEGER NOT NULL DEFAULT 0,
    "added" INTEGER NOT NULL DEFAULT 0,
    "changed" INTEGER NOT NULL DEFAULT 0,
    "unchanged" INTEGER NOT NULL DEFAULT 0,
    "unlisted" INTEGER NOT NULL DEFAULT 0,
    "discovered" INTEGER NOT NULL DEFAULT 0,
    "quarantined" INTEGER NOT NULL DEFAULT 0,
    "rejected" INTEGER NOT NULL DEFAULT 0,
    "rejections" JSONB,
    "error" TEXT,
    "payload_sha256" TEXT,
    "payload_bytes" INTEGER,
    "payload_gzip" BYTEA,

    CONSTRAINT "scrape_run_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "quarantined_price" (
    "id" SERIAL NOT NULL,
    "scrape_run_id" INTEGER NOT NULL,
    "offering_id" INTEGER NOT NULL,
    "component" "price_component" NOT NULL,
    "unit" TEXT NOT NULL,
    "condition_key" TEXT NOT NULL DEFAULT '',
    "condition" JSONB,
    "previous_usd" DECIMAL(24,12),
    "proposed_usd" DECIMAL(24,12),
    "valid_from" TIMESTAMPTZ(3) NOT NULL,
    "observed_at" TIMESTAMPTZ(3) NOT NULL,
    "source" TEXT NOT NULL,
    "source_url" TEXT,
    "reason" TEXT NOT NULL,
    "status" "quarantine_status" NOT NULL DEFAULT 'pending',
    "decided_at" TIMESTAMPTZ(3),
    "decided_by" TEXT,
    "price_point_id" BIGINT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "quarantined_price_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "api_key" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "prefix" TEXT NOT NULL,
    "hash" TEXT NOT NULL,
    "scopes" TEXT[],
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expires_at" TIMESTAMPTZ(3),
    "revoked_at" TIMESTAMPTZ(3),
    "last_used_at" TIMESTAMPTZ(3),

    CONSTRAINT "api_key_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "model_creator_slug_idx" ON "model"("creator_slug");

-- CreateIndex
CREATE INDEX "model_license_id_idx" ON "model"("license_id");

-- CreateIndex
CREATE INDEX "model_family_idx" ON "model"("family");

-- CreateIndex
CREATE INDEX "model_status_idx" ON "model"("status");

-- CreateIndex
CREATE INDEX "model_alias_model_slug_idx" ON "model_alias"("model_slug");

-- CreateIndex
CREATE INDEX "license_version_license_id_effective_from_idx" ON "license_version"("license_id", "effective_from" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "license_version_license_id_version_effective_from_key" ON "license_version"("license_id", "version", "effective_from");

-- CreateIndex
CREATE UNIQUE INDEX "model_license_model_slug_valid_from_license_id_key" ON "model_license"("model_slug", "valid_from", "license_id");

-- CreateIndex
CREATE INDEX "benchmark_result_benchmark_slug_score_idx" ON "benchmark_result"("benchmark_slug", "score" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "benchmark_result_model_slug_benchmark_slug_setting_source_key" ON "benchmark_result"("model_slug", "benchmark_slug", "setting", "source");

-- CreateIndex
CREATE INDEX "offering_model_slug_idx" ON "offering"("model_slug");

-- CreateIndex
CREATE INDEX "offering_status_idx" ON "offering"("status");

-- CreateIndex
CREATE UNIQUE INDEX "offering_provider_slug_provider_model_id_key" ON "offering"("provider_slug", "provider_model_id");

-- CreateIndex
CREATE INDEX "offering_event_offering_id_at_idx" ON "offering_event"("offering_id", "at");

-- CreateIndex
CREATE INDEX "price_point_offering_id_component_condition_key_valid_from_idx" ON "price_point"("offering_id", "component", "condition_key", "valid_from" DESC);

-- CreateIndex
CREATE INDEX "price_point_valid_from_idx" ON "price_point"("valid_from");

-- CreateIndex
CREATE INDEX "price_point_scrape_run_id_idx" ON "price_point"("scrape_run_id");

-- CreateIndex
CREATE INDEX "gpu_price_gpu_slug_provider_slug_pricing_tier_valid_from_idx" ON "gpu_price"("gpu_slug", "provider_slug", "pricing_tier", "valid_from" DESC);

-- CreateIndex
CREATE UNIQUE INDEX "deployment_profile_model_slug_gpu_slug_gpus_per_replica_run_key" ON "deployment_profile"("model_slug", "gpu_slug", "gpus_per_replica", "runtime");

-- CreateIndex
CREATE INDEX "scrape_run_source_started_at_idx" ON "scrape_run"("source", "started_at" DESC);

-- CreateIndex
CREATE INDEX "quarantined_price_status_idx" ON "quarantined_price"("status");

-- AddForeignKey
ALTER TABLE "model" ADD CONSTRAINT "model_creator_slug_fkey" FOREIGN KEY ("creator_slug") REFERENCES "creator"("slug") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model" ADD CONSTRAINT "model_license_id_fkey" FOREIGN KEY ("license_id") REFERENCES "license"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model" ADD CONSTRAINT "model_scrape_run_id_fkey" FOREIGN KEY ("scrape_run_id") REFERENCES "scrape_run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_alias" ADD CONSTRAINT "model_alias_model_slug_fkey" FOREIGN KEY ("model_slug") REFERENCES "model"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "license_version" ADD CONSTRAINT "license_version_license_id_fkey" FOREIGN KEY ("license_id") REFERENCES "license"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "license_version" ADD CONSTRAINT "license_version_supersedes_id_fkey" FOREIGN KEY ("supersedes_id") REFERENCES "license_version"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_license" ADD CONSTRAINT "model_license_model_slug_fkey" FOREIGN KEY ("model_slug") REFERENCES "model"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "model_license" ADD CONSTRAINT "model_license_license_id_fkey" FOREIGN KEY ("license_id") REFERENCES "license"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "benchmark_result" ADD CONSTRAINT "benchmark_result_model_slug_fkey" FOREIGN KEY ("model_slug") REFERENCES "model"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "benchmark_result" ADD CONSTRAINT "benchmark_result_benchmark_slug_fkey" FOREIGN KEY ("benchmark_slug") REFERENCES "benchmark"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offering" ADD CONSTRAINT "offering_provider_slug_fkey" FOREIGN KEY ("provider_slug") REFERENCES "provider"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offering" ADD CONSTRAINT "offering_model_slug_fkey" FOREIGN KEY ("model_slug") REFERENCES "model"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offering" ADD CONSTRAINT "offering_scrape_run_id_fkey" FOREIGN KEY ("scrape_run_id") REFERENCES "scrape_run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offering_event" ADD CONSTRAINT "offering_event_offering_id_fkey" FOREIGN KEY ("offering_id") REFERENCES "offering"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "offering_event" ADD CONSTRAINT "offering_event_scrape_run_id_fkey" FOREIGN KEY ("scrape_run_id") REFERENCES "scrape_run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "price_point" ADD CONSTRAINT "price_point_offering_id_fkey" FOREIGN KEY ("offering_id") REFERENCES "offering"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "price_point" ADD CONSTRAINT "price_point_scrape_run_id_fkey" FOREIGN KEY ("scrape_run_id") REFERENCES "scrape_run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "price_point" ADD CONSTRAINT "price_point_supersedes_id_fkey" FOREIGN KEY ("supersedes_id") REFERENCES "price_point"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gpu_price" ADD CONSTRAINT "gpu_price_gpu_slug_fkey" FOREIGN KEY ("gpu_slug") REFERENCES "gpu_type"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gpu_price" ADD CONSTRAINT "gpu_price_provider_slug_fkey" FOREIGN KEY ("provider_slug") REFERENCES "provider"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "gpu_price" ADD CONSTRAINT "gpu_price_scrape_run_id_fkey" FOREIGN KEY ("scrape_run_id") REFERENCES "scrape_run"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment_profile" ADD CONSTRAINT "deployment_profile_model_slug_fkey" FOREIGN KEY ("model_slug") REFERENCES "model"("slug") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "deployment_profile" ADD CONSTRAINT "deployment_profile_gpu_slug_fkey" FOREIGN KEY ("gpu_slug") REFERENCES "gpu_type"("slug") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quarantined_price" ADD CONSTRAINT "quarantined_price_scrape_run_id_fkey" FOREIGN KEY ("scrape_run_id") REFERENCES "scrape_run"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "quarantined_price" ADD CONSTRAINT "quarantined_price_offering_id_fkey" FOREIGN KEY ("offering_id") REFERENCES "offering"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Append-only history: price points, GPU prices, listing events, license versions and model
-- license assignments are never updated or deleted. A correction is a new row naming the old one.
CREATE FUNCTION "reject_history_rewrite"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$;

CREATE TRIGGER "price_point_append_only" BEFORE UPDATE OR DELETE ON "price_point"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_rewrite"();
CREATE TRIGGER "price_point_no_truncate" BEFORE TRUNCATE ON "price_point"
  FOR EACH STATEMENT EXECUTE FUNCTION "reject_history_rewrite"();
CREATE TRIGGER "gpu_price_append_only" BEFORE UPDATE OR DELETE ON "gpu_price"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_rewrite"();
CREATE TRIGGER "gpu_price_no_truncate" BEFORE TRUNCATE ON "gpu_price"
  FOR EACH STATEMENT EXECUTE FUNCTION "reject_history_rewrite"();
CREATE TRIGGER "offering_event_append_only" BEFORE UPDATE OR DELETE ON "offering_event"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_rewrite"();
CREATE TRIGGER "license_version_append_only" BEFORE UPDATE OR DELETE ON "license_version"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_rewrite"();
CREATE TRIGGER "model_license_append_only" BEFORE UPDATE OR DELETE ON "model_license"
  FOR EACH ROW EXECUTE FUNCTION "reject_history_rewrite"();

-- Prices are never negative; a withdrawn component is a NULL price, not a negative one.
ALTER TABLE "price_point" ADD CONSTRAINT "price_point_usd_non_negative" CHECK ("usd" IS NULL OR "usd" >= 0);
ALTER TABLE "gpu_price" ADD CONSTRAINT "gpu_price_usd_non_negative" CHECK ("usd_per_hour" IS NULL OR "usd_per_hour" >= 0);
