-- Keeps delivery_counters (inbox total and unread per position) in step with
-- document_deliveries, whatever writes the deliveries.
CREATE FUNCTION naskah_delivery_counters() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP IN ('UPDATE', 'DELETE') THEN
    UPDATE delivery_counters
       SET total = total - 1,
           unread = unread - CASE WHEN OLD.read_at IS NULL THEN 1 ELSE 0 END
     WHERE position_id = OLD.recipient_position_id;
  END IF;
  IF TG_OP IN ('INSERT', 'UPDATE') THEN
    INSERT INTO delivery_counters (position_id, total, unread)
    VALUES (NEW.recipient_position_id, 1, CASE WHEN NEW.read_at IS NULL THEN 1 ELSE 0 END)
    ON CONFLICT (position_id) DO UPDATE
      SET total = delivery_counters.total + 1,
          unread = delivery_counters.unread + EXCLUDED.unread;
  END IF;
  RETURN NULL;
END;
$$;
--> statement-breakpoint
CREATE TRIGGER document_deliveries_counters
AFTER INSERT OR DELETE OR UPDATE OF read_at, recipient_position_id ON document_deliveries
FOR EACH ROW EXECUTE FUNCTION naskah_delivery_counters();
