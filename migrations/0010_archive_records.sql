CREATE TABLE "archive_berkas" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"classification_code" text NOT NULL,
	"year" integer NOT NULL,
	"activity" text,
	"uraian" text NOT NULL,
	"kurun_start" date,
	"kurun_end" date,
	"item_count" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"closed_at" timestamp with time zone,
	"closed_by_user_id" uuid,
	"retention_active_years" integer,
	"retention_inactive_years" integer,
	"final_disposition" text,
	"active_until" date,
	"inactive_until" date,
	"state" text DEFAULT 'aktif' NOT NULL,
	"legal_hold" boolean DEFAULT false NOT NULL,
	"legal_hold_reason" text,
	"location_building" text,
	"location_room" text,
	"location_shelf" text,
	"location_box" text,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "archive_berkas_status_ck" CHECK ("archive_berkas"."status" in ('open', 'closed')),
	CONSTRAINT "archive_berkas_state_ck" CHECK ("archive_berkas"."state" in ('aktif', 'inaktif', 'musnah', 'statis'))
);
--> statement-breakpoint
CREATE TABLE "archive_loans" (
	"id" uuid PRIMARY KEY NOT NULL,
	"berkas_id" uuid,
	"record_id" uuid,
	"borrower_user_id" uuid NOT NULL,
	"purpose" text NOT NULL,
	"loaned_at" timestamp with time zone NOT NULL,
	"due_on" date NOT NULL,
	"returned_at" timestamp with time zone,
	"lent_by_user_id" uuid NOT NULL,
	"returned_to_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	CONSTRAINT "archive_loans_target_ck" CHECK ("archive_loans"."berkas_id" is not null or "archive_loans"."record_id" is not null)
);
--> statement-breakpoint
CREATE TABLE "archive_records" (
	"id" uuid PRIMARY KEY NOT NULL,
	"source_kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"berkas_id" uuid,
	"unit_id" uuid NOT NULL,
	"classification_code" text NOT NULL,
	"number" text,
	"title" text NOT NULL,
	"document_date" date,
	"sifat" text DEFAULT 'biasa' NOT NULL,
	"access_class" text DEFAULT 'biasa' NOT NULL,
	"files" jsonb NOT NULL,
	"ocr_text" text,
	"snapshot" jsonb NOT NULL,
	"snapshot_sha256" text NOT NULL,
	"acl" text[] NOT NULL,
	"declared_at" timestamp with time zone NOT NULL,
	"declared_by_user_id" uuid,
	"legal_hold" boolean DEFAULT false NOT NULL,
	"legal_hold_reason" text,
	"content_deleted_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL
);
--> statement-breakpoint
ALTER TABLE "archive_berkas" ADD CONSTRAINT "archive_berkas_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_berkas" ADD CONSTRAINT "archive_berkas_classification_code_classification_codes_code_fk" FOREIGN KEY ("classification_code") REFERENCES "public"."classification_codes"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_loans" ADD CONSTRAINT "archive_loans_berkas_id_archive_berkas_id_fk" FOREIGN KEY ("berkas_id") REFERENCES "public"."archive_berkas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_loans" ADD CONSTRAINT "archive_loans_record_id_archive_records_id_fk" FOREIGN KEY ("record_id") REFERENCES "public"."archive_records"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_loans" ADD CONSTRAINT "archive_loans_borrower_user_id_users_id_fk" FOREIGN KEY ("borrower_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_records" ADD CONSTRAINT "archive_records_berkas_id_archive_berkas_id_fk" FOREIGN KEY ("berkas_id") REFERENCES "public"."archive_berkas"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "archive_records" ADD CONSTRAINT "archive_records_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "archive_berkas_unit_idx" ON "archive_berkas" USING btree ("unit_id","year","classification_code");--> statement-breakpoint
CREATE INDEX "archive_berkas_due_idx" ON "archive_berkas" USING btree ("status","state","active_until");--> statement-breakpoint
CREATE INDEX "archive_loans_open_idx" ON "archive_loans" USING btree ("returned_at","due_on");--> statement-breakpoint
CREATE UNIQUE INDEX "archive_records_source_uq" ON "archive_records" USING btree ("source_kind","source_id");--> statement-breakpoint
CREATE INDEX "archive_records_berkas_idx" ON "archive_records" USING btree ("berkas_id","document_date");--> statement-breakpoint
CREATE INDEX "archive_records_unit_idx" ON "archive_records" USING btree ("unit_id","document_date");;--> statement-breakpoint
-- A declared record's content is frozen: only its filing (berkas), legal hold, version and the
-- destruction of its files (files emptied of fileIds once, with content_deleted_at) may change.
CREATE FUNCTION naskah_archive_record_frozen() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.source_kind IS DISTINCT FROM OLD.source_kind OR NEW.source_id IS DISTINCT FROM OLD.source_id
     OR NEW.unit_id IS DISTINCT FROM OLD.unit_id OR NEW.classification_code IS DISTINCT FROM OLD.classification_code
     OR NEW.number IS DISTINCT FROM OLD.number OR NEW.title IS DISTINCT FROM OLD.title
     OR NEW.document_date IS DISTINCT FROM OLD.document_date OR NEW.sifat IS DISTINCT FROM OLD.sifat
     OR NEW.access_class IS DISTINCT FROM OLD.access_class OR NEW.snapshot IS DISTINCT FROM OLD.snapshot
     OR NEW.snapshot_sha256 IS DISTINCT FROM OLD.snapshot_sha256 OR NEW.declared_at IS DISTINCT FROM OLD.declared_at
     OR NEW.acl IS DISTINCT FROM OLD.acl
     OR ((NEW.files IS DISTINCT FROM OLD.files OR NEW.ocr_text IS DISTINCT FROM OLD.ocr_text)
         AND NOT (OLD.content_deleted_at IS NULL AND NEW.content_deleted_at IS NOT NULL)) THEN
    RAISE EXCEPTION 'archive record % is frozen', OLD.id;
  END IF;
  RETURN NEW;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER archive_records_frozen
BEFORE UPDATE ON archive_records
FOR EACH ROW EXECUTE FUNCTION naskah_archive_record_frozen();
--> statement-breakpoint
CREATE FUNCTION naskah_archive_record_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'archive record % cannot be deleted (metadata is kept after destruction)', OLD.id;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER archive_records_no_delete
BEFORE DELETE ON archive_records
FOR EACH ROW EXECUTE FUNCTION naskah_archive_record_no_delete();
