CREATE TABLE "audit_chain_head" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"hash" text NOT NULL,
	"prev_hash" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "seq" bigint;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "prev_hash" text;--> statement-breakpoint
ALTER TABLE "audit_events" ADD COLUMN "hash" text;--> statement-breakpoint
CREATE UNIQUE INDEX "audit_events_seq_idx" ON "audit_events" USING btree ("seq");--> statement-breakpoint
-- The chain starts at the genesis hash; events written before this migration are chained now,
-- in id order, with the same canonical form the recorder uses (src/server/audit/chain.ts).
DO $$
DECLARE
  r record;
  h text := '0000000000000000000000000000000000000000000000000000000000000000';
  p text := h;
  n bigint := 0;
BEGIN
  FOR r IN SELECT * FROM audit_events ORDER BY id LOOP
    n := n + 1;
    p := h;
    h := encode(sha256(convert_to(jsonb_build_array(n, p, (extract(epoch from r.at) * 1000000)::bigint, r.actor_user_id, r.action, r.entity_type, r.entity_id, r.data, r.ip)::text, 'UTF8')), 'hex');
    UPDATE audit_events SET seq = n, prev_hash = p, hash = h WHERE id = r.id;
  END LOOP;
  INSERT INTO audit_chain_head (id, seq, hash, prev_hash) VALUES (1, n, h, p);
END $$;
--> statement-breakpoint
-- Append-only: the application never changes or removes an audit event.
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_events is append-only' USING ERRCODE = '42501';
END $$;
--> statement-breakpoint
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
