-- pg_trgm (trusted since PostgreSQL 13; PGlite loads it in db/embeddedServer.ts).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "search_entries" (
	"id" uuid PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"record_id" uuid,
	"unit_id" uuid,
	"unit_path" text,
	"classification_code" text,
	"sifat" text,
	"access_class" text DEFAULT 'biasa' NOT NULL,
	"doc_type" text,
	"state" text NOT NULL,
	"entry_date" date,
	"number" text,
	"title" text NOT NULL,
	"parties" text DEFAULT '' NOT NULL,
	"meta" text DEFAULT '' NOT NULL,
	"body" text DEFAULT '' NOT NULL,
	"tsv" "tsvector" NOT NULL,
	"tsv_exact" "tsvector" NOT NULL,
	"acl" text[] NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "search_queue" (
	"kind" text NOT NULL,
	"source_id" uuid NOT NULL,
	"queued_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "search_queue_kind_source_id_pk" PRIMARY KEY("kind","source_id")
);
--> statement-breakpoint
ALTER TABLE "classification_codes" ADD COLUMN "access_class" text DEFAULT 'biasa' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "search_entries_source_uq" ON "search_entries" USING btree ("kind","source_id");--> statement-breakpoint
CREATE INDEX "search_entries_tsv_idx" ON "search_entries" USING gin ("tsv");--> statement-breakpoint
CREATE INDEX "search_entries_exact_idx" ON "search_entries" USING gin ("tsv_exact");--> statement-breakpoint
CREATE INDEX "search_entries_acl_idx" ON "search_entries" USING gin ("acl");--> statement-breakpoint
CREATE INDEX "search_entries_meta_trgm_idx" ON "search_entries" USING gin ("meta" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "search_entries_date_idx" ON "search_entries" USING btree ("entry_date" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "search_entries_unit_idx" ON "search_entries" USING btree ("unit_id","entry_date" DESC NULLS LAST);--> statement-breakpoint
ALTER TABLE "classification_codes" ADD CONSTRAINT "classification_codes_access_ck" CHECK ("classification_codes"."access_class" in ('biasa', 'terbatas', 'rahasia', 'sangat_rahasia'));;--> statement-breakpoint
-- Every change to an outgoing document queues it for the search index (and the archive), in the
-- same transaction: search/indexQueue.ts drains the queue.
CREATE FUNCTION naskah_queue_outgoing_for_index() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO search_queue (kind, source_id) VALUES ('outgoing', NEW.id)
  ON CONFLICT (kind, source_id) DO UPDATE SET queued_at = now();
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER documents_search_queue
AFTER INSERT OR UPDATE ON documents
FOR EACH ROW EXECUTE FUNCTION naskah_queue_outgoing_for_index();
