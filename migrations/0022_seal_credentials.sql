CREATE TABLE "seal_credentials" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"algorithm" text NOT NULL,
	"certificate_serial" text NOT NULL,
	"certificate_pem" text NOT NULL,
	"subject" text NOT NULL,
	"key_sealed" text NOT NULL,
	"not_before" timestamp with time zone NOT NULL,
	"not_after" timestamp with time zone NOT NULL,
	"issued_by" uuid,
	"revoked_at" timestamp with time zone,
	"revocation_reason" text,
	"revoked_by" uuid,
	"superseded_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "seal_credentials" ADD CONSTRAINT "seal_credentials_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "seal_credentials_serial_uq" ON "seal_credentials" USING btree ("certificate_serial");--> statement-breakpoint
CREATE UNIQUE INDEX "seal_credentials_active_uq" ON "seal_credentials" USING btree ("unit_id") WHERE "seal_credentials"."status" = 'active';--> statement-breakpoint
CREATE INDEX "seal_credentials_unit_idx" ON "seal_credentials" USING btree ("unit_id","created_at");