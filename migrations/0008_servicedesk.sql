CREATE TABLE "service_directory_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"directory" text NOT NULL,
	"account_id" text NOT NULL,
	"address" text NOT NULL,
	"created" boolean NOT NULL,
	"attributes" jsonb NOT NULL,
	"job_id" text,
	"at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_phone_verifications" (
	"id" uuid PRIMARY KEY NOT NULL,
	"user_id" uuid,
	"ticket_id" uuid,
	"purpose" text NOT NULL,
	"whatsapp" text NOT NULL,
	"code_hash" text NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"verified_at" timestamp with time zone,
	"used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_request_file_access" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"user_id" uuid NOT NULL,
	"capacity" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"ip" text
);
--> statement-breakpoint
CREATE TABLE "service_catalogue" (
	"key" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"sop_number" text NOT NULL,
	"unit_code" text NOT NULL,
	"number_prefix" text NOT NULL,
	"classification_code" text NOT NULL,
	"steps" jsonb NOT NULL,
	"checklist" jsonb NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_ticket_counters" (
	"service_key" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer NOT NULL,
	CONSTRAINT "service_ticket_counters_service_key_year_pk" PRIMARY KEY("service_key","year")
);
--> statement-breakpoint
CREATE TABLE "service_ticket_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"ticket_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"action" text NOT NULL,
	"from_status" text,
	"to_status" text NOT NULL,
	"from_step" integer,
	"to_step" integer NOT NULL,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "service_tickets" (
	"id" uuid PRIMARY KEY NOT NULL,
	"number" text NOT NULL,
	"service_key" text NOT NULL,
	"status" text NOT NULL,
	"step" integer NOT NULL,
	"returned_from_step" integer,
	"return_reason" text,
	"applicant_user_id" uuid,
	"filed_by_user_id" uuid NOT NULL,
	"applicant_name" text NOT NULL,
	"nip" text NOT NULL,
	"unit_id" uuid NOT NULL,
	"position_title" text NOT NULL,
	"whatsapp" text NOT NULL,
	"whatsapp_verified_at" timestamp with time zone NOT NULL,
	"desired_address" text NOT NULL,
	"request_file_id" uuid NOT NULL,
	"incoming_letter_id" uuid,
	"incoming_agenda_number" text,
	"checklist" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"account_id" text,
	"account_address" text,
	"temporary_password_enc" text,
	"last_error" text,
	"last_error_code" text,
	"activation_token_hash" text,
	"activation_expires_at" timestamp with time zone,
	"activation_code_verified_at" timestamp with time zone,
	"password_set_at" timestamp with time zone,
	"totp_pending_enc" text,
	"totp_secret_enc" text,
	"totp_last_step" integer,
	"recovery_code_hashes" jsonb,
	"activated_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "service_directory_accounts" ADD CONSTRAINT "service_directory_accounts_ticket_id_service_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."service_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_phone_verifications" ADD CONSTRAINT "service_phone_verifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_file_access" ADD CONSTRAINT "service_request_file_access_ticket_id_service_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."service_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_request_file_access" ADD CONSTRAINT "service_request_file_access_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_ticket_events" ADD CONSTRAINT "service_ticket_events_ticket_id_service_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."service_tickets"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_tickets" ADD CONSTRAINT "service_tickets_service_key_service_catalogue_key_fk" FOREIGN KEY ("service_key") REFERENCES "public"."service_catalogue"("key") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_tickets" ADD CONSTRAINT "service_tickets_applicant_user_id_users_id_fk" FOREIGN KEY ("applicant_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_tickets" ADD CONSTRAINT "service_tickets_filed_by_user_id_users_id_fk" FOREIGN KEY ("filed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_tickets" ADD CONSTRAINT "service_tickets_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "service_tickets" ADD CONSTRAINT "service_tickets_request_file_id_files_id_fk" FOREIGN KEY ("request_file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "service_directory_accounts_ticket_idx" ON "service_directory_accounts" USING btree ("ticket_id");--> statement-breakpoint
CREATE INDEX "service_phone_verifications_user_idx" ON "service_phone_verifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE INDEX "service_phone_verifications_ticket_idx" ON "service_phone_verifications" USING btree ("ticket_id","created_at");--> statement-breakpoint
CREATE INDEX "service_request_file_access_ticket_idx" ON "service_request_file_access" USING btree ("ticket_id","at");--> statement-breakpoint
CREATE INDEX "service_ticket_events_ticket_idx" ON "service_ticket_events" USING btree ("ticket_id","id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_tickets_number_uq" ON "service_tickets" USING btree ("number");--> statement-breakpoint
CREATE INDEX "service_tickets_status_idx" ON "service_tickets" USING btree ("service_key","status","created_at");--> statement-breakpoint
CREATE INDEX "service_tickets_applicant_idx" ON "service_tickets" USING btree ("applicant_user_id");--> statement-breakpoint
CREATE INDEX "service_tickets_filed_by_idx" ON "service_tickets" USING btree ("filed_by_user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "service_tickets_activation_uq" ON "service_tickets" USING btree ("activation_token_hash");--> statement-breakpoint
CREATE UNIQUE INDEX "service_tickets_open_nip_uq" ON "service_tickets" USING btree ("service_key","nip") WHERE "service_tickets"."status" not in ('active', 'suspended', 'closed', 'cancelled');