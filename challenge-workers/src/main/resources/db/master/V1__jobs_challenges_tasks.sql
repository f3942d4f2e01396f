-- The job master's records, in their own schema of the shared database.
CREATE TABLE jobs (
    id          uuid        PRIMARY KEY,            -- the purchase's deposit token
    purchase_id uuid        NOT NULL,
    secret_max  bigint      NOT NULL CHECK (secret_max > 0),
    state       text        NOT NULL CHECK (state IN ('OPEN', 'SOLVED', 'FAILED')),
    created_at  timestamptz NOT NULL DEFAULT now(),
    solved_at   timestamptz
);
CREATE INDEX jobs_open ON jobs (created_at) WHERE state = 'OPEN';

CREATE TABLE challenges (
    job_id             uuid        NOT NULL REFERENCES jobs (id),
    challenge_id       text        NOT NULL,
    position           integer     NOT NULL,
    challenge_hash     text        NOT NULL CHECK (challenge_hash ~ '^[0-9a-f]{64}$'),
    secret             bigint,
    solved_by          text,
    solved_at          timestamptz,
    failed             boolean     NOT NULL DEFAULT false,
    callback_state     text        NOT NULL DEFAULT 'NONE' CHECK (callback_state IN ('NONE', 'PENDING', 'DELIVERED', 'REJECTED')),
    callback_attempts  integer     NOT NULL DEFAULT 0,
    callback_next_at   timestamptz,
    callback_error     text,
    PRIMARY KEY (job_id, challenge_id)
);
CREATE INDEX challenges_callbacks_due ON challenges (callback_next_at) WHERE callback_state = 'PENDING';

CREATE TABLE tasks (
    id           bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id       uuid        NOT NULL,
    challenge_id text        NOT NULL,
    range_from   bigint      NOT NULL,
    range_to     bigint      NOT NULL,
    state        text        NOT NULL CHECK (state IN ('NEW', 'QUEUED', 'DONE', 'CANCELLED')),
    stream_id    text,
    worker       text,
    tried        bigint,
    enqueued_at  timestamptz,
    done_at      timestamptz,
    FOREIGN KEY (job_id, challenge_id) REFERENCES challenges (job_id, challenge_id),
    CHECK (range_from >= 1 AND range_to >= range_from)
);
CREATE INDEX tasks_new ON tasks (id) WHERE state = 'NEW';
CREATE INDEX tasks_open_by_challenge ON tasks (job_id, challenge_id) WHERE state IN ('NEW', 'QUEUED');
