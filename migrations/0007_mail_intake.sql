CREATE TABLE "mail_intake_accounts" (
	"id" uuid PRIMARY KEY NOT NULL,
	"unit_id" uuid NOT NULL,
	"host" text NOT NULL,
	"port" integer DEFAULT 993 NOT NULL,
	"tls" boolean DEFAULT true NOT NULL,
	"username" text NOT NULL,
	"password_sealed" text NOT NULL,
	"mailbox" text DEFAULT 'INBOX' NOT NULL,
	"enabled" boolean DEFAULT true NOT NULL,
	"uid_validity" bigint,
	"last_uid" bigint DEFAULT 0 NOT NULL,
	"state" text DEFAULT 'new' NOT NULL,
	"state_detail" text,
	"last_checked_at" timestamp with time zone,
	"last_success_at" timestamp with time zone,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "mail_intake_messages" (
	"id" uuid PRIMARY KEY NOT NULL,
	"account_id" uuid NOT NULL,
	"unit_id" uuid NOT NULL,
	"uid_validity" bigint NOT NULL,
	"uid" bigint NOT NULL,
	"message_id" text,
	"from_address" text,
	"from_name" text,
	"subject" text,
	"body" text,
	"sent_at" timestamp with time zone,
	"state" text NOT NULL,
	"reason" text,
	"attachments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"skipped" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"registration_id" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "mail_intake_accounts" ADD CONSTRAINT "mail_intake_accounts_unit_id_units_id_fk" FOREIGN KEY ("unit_id") REFERENCES "public"."units"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "mail_intake_messages" ADD CONSTRAINT "mail_intake_messages_account_id_mail_intake_accounts_id_fk" FOREIGN KEY ("account_id") REFERENCES "public"."mail_intake_accounts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "mail_intake_accounts_unit_uq" ON "mail_intake_accounts" USING btree ("unit_id");--> statement-breakpoint
CREATE UNIQUE INDEX "mail_intake_messages_uid_uq" ON "mail_intake_messages" USING btree ("account_id","uid_validity","uid");--> statement-breakpoint
CREATE UNIQUE INDEX "mail_intake_messages_msgid_uq" ON "mail_intake_messages" USING btree ("account_id","message_id") WHERE "mail_intake_messages"."message_id" is not null;--> statement-breakpoint
CREATE INDEX "mail_intake_messages_unit_idx" ON "mail_intake_messages" USING btree ("unit_id","created_at");