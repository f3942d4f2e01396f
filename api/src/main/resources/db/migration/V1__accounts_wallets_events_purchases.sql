-- Accounts
CREATE TABLE users (
    id            uuid        PRIMARY KEY,
    email         text        NOT NULL,
    name          text        NOT NULL,
    password_hash text        NOT NULL,
    role          text        NOT NULL CHECK (role IN ('customer', 'admin')),
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));

-- Wallets: the balance is a cached sum of the ledger, never negative.
CREATE TABLE wallets (
    user_id    uuid        PRIMARY KEY REFERENCES users (id),
    currency   text        NOT NULL,
    balance    bigint      NOT NULL DEFAULT 0 CHECK (balance >= 0),
    updated_at timestamptz NOT NULL DEFAULT now()
);

-- Events: seats are reserved with UPDATE ... WHERE sold + q <= capacity.
CREATE TABLE events (
    id         uuid        PRIMARY KEY,
    name       text        NOT NULL,
    venue      text        NOT NULL,
    starts_at  timestamptz NOT NULL,
    price      bigint      NOT NULL CHECK (price > 0),
    capacity   integer     NOT NULL CHECK (capacity > 0),
    sold       integer     NOT NULL DEFAULT 0,
    created_by uuid        REFERENCES users (id),
    created_at timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT events_seats CHECK (sold >= 0 AND sold <= capacity)
);
CREATE INDEX events_listing ON events (starts_at, id);

-- Purchases and their payment challenges
CREATE TABLE purchases (
    id            uuid        PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES users (id),
    event_id      uuid        NOT NULL REFERENCES events (id),
    quantity      integer     NOT NULL CHECK (quantity BETWEEN 1 AND 10),
    amount        bigint      NOT NULL CHECK (amount > 0),
    status        text        NOT NULL CHECK (status IN ('AWAITING_PROOF', 'PAID', 'TICKET_READY', 'EXPIRED', 'REJECTED')),
    deposit_token uuid        NOT NULL UNIQUE,
    ticket_url    text,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    expires_at    timestamptz NOT NULL
);
CREATE INDEX purchases_by_user ON purchases (user_id, id DESC);
CREATE INDEX purchases_awaiting_proof ON purchases (expires_at) WHERE status = 'AWAITING_PROOF';

CREATE TABLE purchase_challenges (
    purchase_id    uuid        NOT NULL REFERENCES purchases (id),
    position       smallint    NOT NULL,
    challenge_id   text        NOT NULL,
    challenge_hash text        NOT NULL CHECK (challenge_hash ~ '^[0-9a-f]{64}$'),
    secret         bigint,
    solved_at      timestamptz,
    PRIMARY KEY (purchase_id, challenge_id),
    UNIQUE (purchase_id, position)
);

-- The ledger: append-only; a mistake is corrected by a new entry, never by an edit.
CREATE TABLE ledger_entries (
    id            bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES wallets (user_id),
    kind          text        NOT NULL,
    amount        bigint      NOT NULL,
    balance_after bigint      NOT NULL CHECK (balance_after >= 0),
    purchase_id   uuid        REFERENCES purchases (id),
    created_at    timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT ledger_kind_sign CHECK (
        (kind = 'TOP_UP'   AND amount > 0 AND purchase_id IS NULL) OR
        (kind = 'PURCHASE' AND amount < 0 AND purchase_id IS NOT NULL) OR
        (kind = 'REFUND'   AND amount > 0 AND purchase_id IS NOT NULL))
);
CREATE INDEX ledger_by_user ON ledger_entries (user_id, id DESC);
-- a purchase is debited once and refunded at most once, whatever retries happen
CREATE UNIQUE INDEX ledger_one_debit_per_purchase ON ledger_entries (purchase_id) WHERE kind = 'PURCHASE';
CREATE UNIQUE INDEX ledger_one_refund_per_purchase ON ledger_entries (purchase_id) WHERE kind = 'REFUND';

CREATE FUNCTION ledger_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'ledger_entries is append-only: % refused', TG_OP;
END
$$;
CREATE TRIGGER ledger_append_only BEFORE UPDATE OR DELETE ON ledger_entries
    FOR EACH ROW EXECUTE FUNCTION ledger_is_append_only();

-- Idempotency: the first answer to (user, key) is kept and replayed.
CREATE TABLE idempotency_keys (
    user_id      uuid        NOT NULL REFERENCES users (id),
    key          text        NOT NULL,
    request_hash text        NOT NULL,
    status_code  integer,
    response     text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);

-- Outbox: cross-service work, written in the same transaction as the change that causes it.
CREATE TABLE outbox (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    topic        text        NOT NULL,
    message_key  text        NOT NULL,
    payload      jsonb       NOT NULL,
    created_at   timestamptz NOT NULL DEFAULT now(),
    available_at timestamptz NOT NULL DEFAULT now(),
    attempts     integer     NOT NULL DEFAULT 0,
    last_error   text,
    delivered_at timestamptz,
    UNIQUE (topic, message_key)
);
CREATE INDEX outbox_pending ON outbox (available_at, id) WHERE delivered_at IS NULL;
