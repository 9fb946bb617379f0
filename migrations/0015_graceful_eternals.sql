CREATE TABLE "archive_disposal_items" (
	"disposal_id" uuid NOT NULL,
	"berkas_id" uuid NOT NULL,
	"pertimbangan" text,
	"approved" boolean,
	"assessed_by_user_id" uuid,
	CONSTRAINT "archive_disposal_items_disposal_id_berkas_id_pk" PRIMARY KEY("disposal_id","berkas_id")
);
--> statement-breakpoint
CREATE TABLE "archive_disposals" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"status" text DEFAULT 'usul' NOT NULL,
	"panitia_user_ids" uuid[] DEFAULT '{}'::uuid[] NOT NULL,
	"needs_anri_approval" boolean DEFAULT false NOT NULL,
	"anri_approval_file_id" uuid,
	"keputusan_number" text,
	"keputusan_date" date,
	"berita_acara_file_id" uuid,
	"daftar_file_id" uuid,
	"package_file_id" uuid,
	"created_by_user_id" uuid NOT NULL,
	"executed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "archive_disposals_kind_ck" CHECK ("archive_disposals"."kind" in ('musnah', 'serah')),
	CONSTRAINT "archive_disposals_status_ck" CHECK ("archive_disposals"."status" in ('usul', 'dinilai', 'ditetapkan', 'selesai'))
);
--> statement-breakpoint
ALTER TABLE "archive_disposal_items" ADD CONSTRAINT "archive_disposal_items_disposal_id_archive_disposals_id_fk" FOREIGN KEY ("disposal_id") REFERENCES "public"."archive_disposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_disposal_items" ADD CONSTRAINT "archive_disposal_items_berkas_id_archive_berkas_id_fk" FOREIGN KEY ("berkas_id") REFERENCES "public"."archive_berkas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_disposals" ADD CONSTRAINT "archive_disposals_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_disposal_items_berkas_idx" ON "archive_disposal_items" USING btree ("berkas_id");--> statement-breakpoint
CREATE INDEX "archive_disposals_unit_idx" ON "archive_disposals" USING btree ("unit_id","status");