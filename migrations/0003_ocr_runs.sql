CREATE TABLE "ocr_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source_file_id" uuid NOT NULL,
	"output_file_id" uuid,
	"owner_type" text,
	"owner_id" uuid,
	"unit_id" uuid,
	"status" text DEFAULT 'queued' NOT NULL,
	"failure" text,
	"detail" text,
	"page_count" integer,
	"pages" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"text" text,
	"suggestions" jsonb,
	"pdfa" boolean,
	"attempts" integer DEFAULT 0 NOT NULL,
	"requested_by" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"started_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "ocr_runs" ADD CONSTRAINT "ocr_runs_source_file_id_files_id_fk" FOREIGN KEY ("source_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ocr_runs" ADD CONSTRAINT "ocr_runs_output_file_id_files_id_fk" FOREIGN KEY ("output_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ocr_runs_source_idx" ON "ocr_runs" USING btree ("source_file_id");--> statement-breakpoint
CREATE INDEX "ocr_runs_owner_idx" ON "ocr_runs" USING btree ("owner_type","owner_id");--> statement-breakpoint
CREATE INDEX "ocr_runs_text_search_idx" ON "ocr_runs" USING gin (to_tsvector('simple', coalesce("text", '')));