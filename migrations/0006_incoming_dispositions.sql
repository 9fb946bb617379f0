CREATE TABLE "incoming_agenda_counters" (
	"unit_id" uuid NOT NULL,
	"series" text NOT NULL,
	"year" integer NOT NULL,
	"last" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "incoming_agenda_counters_unit_id_series_year_pk" PRIMARY KEY("unit_id","series","year")
);
--> statement-breakpoint
CREATE TABLE "incoming_events" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"letter_id" uuid NOT NULL,
	"disposition_id" uuid,
	"at" timestamp with time zone NOT NULL,
	"actor_user_id" uuid,
	"acted_as" text,
	"action" text NOT NULL,
	"note" text,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incoming_letters" (
	"id" uuid PRIMARY KEY NOT NULL,
	"receiving_unit_id" uuid NOT NULL,
	"status" text NOT NULL,
	"source" text NOT NULL,
	"document_id" uuid,
	"agenda_series" text,
	"agenda_year" integer,
	"agenda_number" integer,
	"sender_id" uuid,
	"sender_instansi" text,
	"sender_jabatan" text,
	"sender_name" text,
	"sender_address" text,
	"sender_email" text,
	"letter_number" text,
	"letter_date" date,
	"received_at" timestamp with time zone,
	"hal" text,
	"sifat" text DEFAULT 'biasa' NOT NULL,
	"urgensi" text DEFAULT 'biasa' NOT NULL,
	"classification_code" text,
	"lampiran" text DEFAULT '-' NOT NULL,
	"addressed_position_id" uuid,
	"file_id" uuid,
	"file_sha256" text,
	"pages" integer,
	"ocr_status" text DEFAULT 'none' NOT NULL,
	"ocr_text" text,
	"ocr_error" text,
	"ocr_suggestions" jsonb,
	"intake" jsonb,
	"note" text,
	"created_by_user_id" uuid,
	"registered_by_user_id" uuid,
	"registered_at" timestamp with time zone,
	"sent_by_user_id" uuid,
	"sent_at" timestamp with time zone,
	"read_at" timestamp with time zone,
	"read_by_user_id" uuid,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incoming_replies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"letter_id" uuid NOT NULL,
	"document_id" uuid NOT NULL,
	"created_by_user_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incoming_senders" (
	"id" uuid PRIMARY KEY NOT NULL,
	"owner_unit_id" uuid NOT NULL,
	"instansi" text NOT NULL,
	"jabatan" text,
	"name" text,
	"address" text,
	"email" text,
	"use_count" integer DEFAULT 0 NOT NULL,
	"last_used_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disposition_instructions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"code" text NOT NULL,
	"label" text NOT NULL,
	"label_en" text,
	"sort_order" integer DEFAULT 0 NOT NULL,
	"active" boolean DEFAULT true NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "disposition_instructions_code_unique" UNIQUE("code")
);
--> statement-breakpoint
CREATE TABLE "disposition_report_files" (
	"id" uuid PRIMARY KEY NOT NULL,
	"report_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"name" text NOT NULL,
	"sort_order" integer DEFAULT 0 NOT NULL
);
--> statement-breakpoint
CREATE TABLE "disposition_reports" (
	"id" uuid PRIMARY KEY NOT NULL,
	"disposition_id" uuid NOT NULL,
	"text" text NOT NULL,
	"outgoing_document_id" uuid,
	"author_user_id" uuid NOT NULL,
	"acted_as" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "dispositions" (
	"id" uuid PRIMARY KEY NOT NULL,
	"letter_id" uuid NOT NULL,
	"parent_id" uuid,
	"batch_id" uuid NOT NULL,
	"sender_position_id" uuid NOT NULL,
	"sender_user_id" uuid NOT NULL,
	"sender_acted_as" text,
	"receiver_position_id" uuid NOT NULL,
	"instructions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"note" text,
	"due_date" date,
	"sifat" text DEFAULT 'biasa' NOT NULL,
	"state" text DEFAULT 'sent' NOT NULL,
	"sent_at" timestamp with time zone NOT NULL,
	"read_at" timestamp with time zone,
	"read_by_user_id" uuid,
	"reported_at" timestamp with time zone,
	"completed_at" timestamp with time zone,
	"closed_at" timestamp with time zone,
	"close_reason" text,
	"reminded_at" timestamp with time zone,
	"overdue_notified_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "incoming_agenda_counters" ADD CONSTRAINT "incoming_agenda_counters_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_events" ADD CONSTRAINT "incoming_events_letter_id_incoming_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."incoming_letters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_events" ADD CONSTRAINT "incoming_events_actor_user_id_users_id_fk" FOREIGN KEY ("actor_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_letters" ADD CONSTRAINT "incoming_letters_receiving_unit_id_units_id_fk" FOREIGN KEY ("receiving_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_letters" ADD CONSTRAINT "incoming_letters_sender_id_incoming_senders_id_fk" FOREIGN KEY ("sender_id") REFERENCES "public"."incoming_senders"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_letters" ADD CONSTRAINT "incoming_letters_addressed_position_id_positions_id_fk" FOREIGN KEY ("addressed_position_id") REFERENCES "public"."positions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_letters" ADD CONSTRAINT "incoming_letters_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_letters" ADD CONSTRAINT "incoming_letters_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_letters" ADD CONSTRAINT "incoming_letters_registered_by_user_id_users_id_fk" FOREIGN KEY ("registered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_letters" ADD CONSTRAINT "incoming_letters_sent_by_user_id_users_id_fk" FOREIGN KEY ("sent_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_letters" ADD CONSTRAINT "incoming_letters_read_by_user_id_users_id_fk" FOREIGN KEY ("read_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_replies" ADD CONSTRAINT "incoming_replies_letter_id_incoming_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."incoming_letters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_replies" ADD CONSTRAINT "incoming_replies_created_by_user_id_users_id_fk" FOREIGN KEY ("created_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incoming_senders" ADD CONSTRAINT "incoming_senders_owner_unit_id_units_id_fk" FOREIGN KEY ("owner_unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposition_report_files" ADD CONSTRAINT "disposition_report_files_report_id_disposition_reports_id_fk" FOREIGN KEY ("report_id") REFERENCES "public"."disposition_reports"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposition_report_files" ADD CONSTRAINT "disposition_report_files_file_id_files_id_fk" FOREIGN KEY ("file_id") REFERENCES "public"."files"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposition_reports" ADD CONSTRAINT "disposition_reports_disposition_id_dispositions_id_fk" FOREIGN KEY ("disposition_id") REFERENCES "public"."dispositions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "disposition_reports" ADD CONSTRAINT "disposition_reports_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_letter_id_incoming_letters_id_fk" FOREIGN KEY ("letter_id") REFERENCES "public"."incoming_letters"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_sender_position_id_positions_id_fk" FOREIGN KEY ("sender_position_id") REFERENCES "public"."positions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_sender_user_id_users_id_fk" FOREIGN KEY ("sender_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_receiver_position_id_positions_id_fk" FOREIGN KEY ("receiver_position_id") REFERENCES "public"."positions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "dispositions" ADD CONSTRAINT "dispositions_read_by_user_id_users_id_fk" FOREIGN KEY ("read_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "incoming_events_letter_idx" ON "incoming_events" USING btree ("letter_id","at");--> statement-breakpoint
CREATE UNIQUE INDEX "incoming_letters_agenda_uq" ON "incoming_letters" USING btree ("receiving_unit_id","agenda_series","agenda_year","agenda_number");--> statement-breakpoint
CREATE UNIQUE INDEX "incoming_letters_document_uq" ON "incoming_letters" USING btree ("receiving_unit_id","document_id");--> statement-breakpoint
CREATE INDEX "incoming_letters_inbox_idx" ON "incoming_letters" USING btree ("addressed_position_id","sent_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "incoming_letters_unit_idx" ON "incoming_letters" USING btree ("receiving_unit_id","status","created_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "incoming_letters_dup_number_idx" ON "incoming_letters" USING btree ("receiving_unit_id",lower("letter_number"));--> statement-breakpoint
CREATE INDEX "incoming_letters_dup_file_idx" ON "incoming_letters" USING btree ("receiving_unit_id","file_sha256");--> statement-breakpoint
CREATE UNIQUE INDEX "incoming_replies_uq" ON "incoming_replies" USING btree ("letter_id","document_id");--> statement-breakpoint
CREATE INDEX "incoming_replies_doc_idx" ON "incoming_replies" USING btree ("document_id");--> statement-breakpoint
CREATE UNIQUE INDEX "incoming_senders_uq" ON "incoming_senders" USING btree ("owner_unit_id",lower("instansi"),lower(coalesce("jabatan", '')),lower(coalesce("name", '')));--> statement-breakpoint
CREATE INDEX "disposition_report_files_report_idx" ON "disposition_report_files" USING btree ("report_id");--> statement-breakpoint
CREATE INDEX "disposition_reports_node_idx" ON "disposition_reports" USING btree ("disposition_id");--> statement-breakpoint
CREATE INDEX "dispositions_letter_idx" ON "dispositions" USING btree ("letter_id","sent_at");--> statement-breakpoint
CREATE INDEX "dispositions_inbox_idx" ON "dispositions" USING btree ("receiver_position_id","state","sent_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "dispositions_outbox_idx" ON "dispositions" USING btree ("sender_position_id","sent_at" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "dispositions_parent_idx" ON "dispositions" USING btree ("parent_id");