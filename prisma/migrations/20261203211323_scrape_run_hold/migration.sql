-- AlterEnum
ALTER TYPE "scrape_run_status" ADD VALUE 'held';

-- AlterTable
ALTER TABLE "scrape_run" ADD COLUMN     "hold" JSONB,
ADD COLUMN     "review_decision" TEXT,
ADD COLUMN     "review_note" TEXT,
ADD COLUMN     "reviewed_at" TIMESTAMPTZ(3),
ADD COLUMN     "reviewed_by" TEXT;
