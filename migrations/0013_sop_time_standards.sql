CREATE TABLE "sop_time_standards" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid,
	"document_type_id" uuid,
	"sop_name" text NOT NULL,
	"steps" jsonb NOT NULL,
	"stated_total_minutes" integer,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "sop_time_standards" ADD CONSTRAINT "sop_time_standards_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sop_time_standards" ADD CONSTRAINT "sop_time_standards_document_type_id_document_types_id_fk" FOREIGN KEY ("document_type_id") REFERENCES "public"."document_types"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sop_time_standards_uq" ON "sop_time_standards" USING btree (coalesce("unit_id", '00000000-0000-0000-0000-000000000000'::uuid),coalesce("document_type_id", '00000000-0000-0000-0000-000000000000'::uuid));--> statement-breakpoint
ALTER TABLE "document_types" DROP COLUMN "time_standards";