ALTER TABLE "sign_batch_items" ADD COLUMN "version" integer;--> statement-breakpoint
ALTER TABLE "sign_batch_items" ADD COLUMN "position" integer DEFAULT 0 NOT NULL;