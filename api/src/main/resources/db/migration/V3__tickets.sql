-- Tickets: one row per proven purchase once delivery has been tried. The PDF lives in the ticket
-- store (S3, or files served by the API); this row keeps where, the signed token in its QR, and how
-- rendering went (failed attempts stay visible on the purchase, never lost).
CREATE TABLE tickets (
    purchase_id     uuid        PRIMARY KEY REFERENCES purchases (id),
    code            text        NOT NULL,
    token           text,
    bucket          text,
    storage_key     text,
    url             text,
    render_attempts integer     NOT NULL DEFAULT 0,
    last_error      text,
    failed_at       timestamptz,
    rendered_at     timestamptz,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tickets_failed ON tickets (failed_at) WHERE failed_at IS NOT NULL AND rendered_at IS NULL;

-- Door check-ins: the primary key makes "first scan" a race-free INSERT ... ON CONFLICT DO NOTHING.
CREATE TABLE ticket_check_ins (
    purchase_id   uuid        PRIMARY KEY REFERENCES purchases (id),
    checked_in_by uuid        REFERENCES users (id),
    checked_in_at timestamptz NOT NULL DEFAULT now()
);
