CREATE TABLE "blob_chunks" (
	"sha256" text PRIMARY KEY NOT NULL,
	"data" "bytea" NOT NULL
);
--> statement-breakpoint
CREATE TABLE "blob_parts" (
	"blob_sha256" text NOT NULL,
	"seq" integer NOT NULL,
	"chunk_sha256" text NOT NULL,
	CONSTRAINT "blob_parts_blob_sha256_seq_pk" PRIMARY KEY("blob_sha256","seq")
);
--> statement-breakpoint
CREATE TABLE "blobs" (
	"sha256" text PRIMARY KEY NOT NULL,
	"size" bigint NOT NULL,
	"chunk_count" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "blob_parts" ADD CONSTRAINT "blob_parts_blob_sha256_blobs_sha256_fk" FOREIGN KEY ("blob_sha256") REFERENCES "public"."blobs"("sha256") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "blob_parts" ADD CONSTRAINT "blob_parts_chunk_sha256_blob_chunks_sha256_fk" FOREIGN KEY ("chunk_sha256") REFERENCES "public"."blob_chunks"("sha256") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "blob_parts_chunk_idx" ON "blob_parts" USING btree ("chunk_sha256");--> statement-breakpoint
-- Chunks of PDFs and scans are compressed already: keep them out of line without recompressing.
ALTER TABLE "blob_chunks" ALTER COLUMN "data" SET STORAGE EXTERNAL;
