ALTER TABLE "archive_disposals" DROP CONSTRAINT "archive_disposals_status_ck";--> statement-breakpoint
ALTER TABLE "archive_disposals" ADD COLUMN "anri_approval_number" text;--> statement-breakpoint
ALTER TABLE "archive_disposals" ADD COLUMN "anri_approval_date" date;--> statement-breakpoint
ALTER TABLE "archive_disposals" ADD COLUMN "decided_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "archive_disposals" ADD COLUMN "executed_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "archive_disposals" ADD COLUMN "signed_by_user_id" uuid;--> statement-breakpoint
ALTER TABLE "archive_disposals" ADD COLUMN "signed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "archive_disposals" ADD CONSTRAINT "archive_disposals_status_ck" CHECK ("archive_disposals"."status" in ('usul', 'dinilai', 'ditetapkan', 'dilaksanakan', 'selesai'));