-- Webhooks: marketing tools that want segment changes pushed to them. The secret signs each delivery (HMAC), so it
-- is kept as given: a receiver checks the signature with the same secret.
CREATE TABLE webhook (
    id          bigserial   PRIMARY KEY,
    url         text        NOT NULL,
    events      text[]      NOT NULL,
    -- Only this dataset's events; null for every dataset's.
    dataset_id  bigint,
    secret      text        NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now(),
    created_by  text
);

-- The outbox: one row per batch to send to one webhook, written in the transaction that made its events (a
-- publish, a failed run), so a batch exists exactly when its events do. A batch of segment changes names its events
-- by id range (they stay in segment_event); other batches carry their one event. Sent one at a time per webhook and
-- dataset, in id order; retried until retry_until, then parked.
CREATE TABLE webhook_delivery (
    id               bigserial   PRIMARY KEY,
    webhook_id       bigint      NOT NULL REFERENCES webhook (id) ON DELETE CASCADE,
    -- The idempotency id: the same on every attempt, so a receiver can drop a batch it already handled.
    delivery_key     uuid        NOT NULL DEFAULT gen_random_uuid() UNIQUE,
    kind             text        NOT NULL CHECK (kind IN ('CHANGES', 'PUBLISHED', 'RUN_FAILED', 'TEST')),
    dataset_id       bigint,
    segmentation_id  bigint,
    -- CHANGES: the segment events with after_event_id < id <= last_event_id.
    after_event_id   bigint,
    last_event_id    bigint,
    -- Any other kind: its event.
    payload          jsonb,
    status           text        NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'DELIVERED', 'PARKED')),
    created_at       timestamptz NOT NULL DEFAULT now(),
    retry_until      timestamptz NOT NULL,
    next_attempt_at  timestamptz NOT NULL DEFAULT now(),
    attempts         integer     NOT NULL DEFAULT 0,
    -- While an instance sends the batch: no other takes it before this time (an instance that dies lets it run out).
    lease_until      timestamptz,
    delivered_at     timestamptz,
    last_status_code integer,
    last_error       text,
    CHECK (kind <> 'CHANGES' OR (after_event_id IS NOT NULL AND last_event_id IS NOT NULL)),
    CHECK (kind = 'CHANGES' OR payload IS NOT NULL)
);

-- The senders look for the first pending batch of every webhook and dataset.
CREATE INDEX webhook_delivery_pending_idx ON webhook_delivery (webhook_id, dataset_id, id) WHERE status = 'PENDING';
CREATE INDEX webhook_delivery_webhook_idx ON webhook_delivery (webhook_id, id);
CREATE INDEX webhook_delivery_dataset_idx ON webhook_delivery (dataset_id);

CREATE TABLE webhook_attempt (
    delivery_id  bigint      NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    attempt      integer     NOT NULL,
    attempted_at timestamptz NOT NULL,
    -- Null when no answer came (refused connection, timeout, a refused address).
    status_code  integer,
    error        text,
    duration_ms  integer     NOT NULL,
    PRIMARY KEY (delivery_id, attempt)
);
