-- Per-stage timings, so the time a purchase spends outside hashing can be located:
-- how long the worker was busy on each task, and when each challenge's callback was accepted.
ALTER TABLE tasks ADD COLUMN busy_nanos bigint;
ALTER TABLE challenges ADD COLUMN callback_done_at timestamptz;
