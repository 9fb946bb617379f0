ALTER TABLE "document_dispatches" ADD COLUMN "receipt_number" text;--> statement-breakpoint
ALTER TABLE "document_dispatches" ADD COLUMN "received_by_name" text;--> statement-breakpoint
ALTER TABLE "document_dispatches" ADD COLUMN "received_on" date;