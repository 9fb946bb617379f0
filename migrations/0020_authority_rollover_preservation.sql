CREATE TABLE "archive_preservations" (
	"record_id" uuid NOT NULL,
	"file_index" integer NOT NULL,
	"file_id" uuid NOT NULL,
	"sha256" text NOT NULL,
	"signatures" integer DEFAULT 0 NOT NULL,
	"protected_until" timestamp with time zone,
	"archive_timestamps" integer DEFAULT 0 NOT NULL,
	"last_timestamp_at" timestamp with time zone,
	"last_error" text,
	"checked_at" timestamp with time zone NOT NULL,
	CONSTRAINT "archive_preservations_record_id_file_index_pk" PRIMARY KEY("record_id","file_index")
);
--> statement-breakpoint
DROP INDEX "signature_authorities_kind_uq";--> statement-breakpoint
ALTER TABLE "signature_authorities" ADD COLUMN "retired_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "archive_preservations" ADD CONSTRAINT "archive_preservations_record_id_archive_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."archive_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_preservations_due_idx" ON "archive_preservations" USING btree ("protected_until");--> statement-breakpoint
CREATE UNIQUE INDEX "signature_authorities_kind_uq" ON "signature_authorities" USING btree ("kind") WHERE "signature_authorities"."retired_at" is null;