-- Wake the outbox relays at once instead of waiting for their next poll.
CREATE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('outbox_new', NEW.topic);
    RETURN NEW;
END
$$;
CREATE TRIGGER outbox_notify AFTER INSERT ON outbox
    FOR EACH ROW EXECUTE FUNCTION notify_outbox();

-- Every change of a purchase reaches every API process (for the server-sent event streams),
-- whichever process made it. Delivered on commit, so listeners never see uncommitted state.
CREATE FUNCTION notify_purchase_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('purchase_changed', NEW.id::text);
    RETURN NEW;
END
$$;
CREATE TRIGGER purchase_changed AFTER UPDATE ON purchases
    FOR EACH ROW EXECUTE FUNCTION notify_purchase_changed();
