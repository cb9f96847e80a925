-- API keys: only a hash of each secret is kept (the secret is shown once, when the key is made).
CREATE TABLE api_key (
    id                  bigserial   PRIMARY KEY,
    name                text        NOT NULL,
    role                text        NOT NULL CHECK (role IN ('READER', 'ANALYST', 'ADMIN')),
    -- SHA-256 of the secret: secrets are 256 random bits, so a slow password hash would add nothing but latency.
    secret_hash         bytea       NOT NULL UNIQUE,
    -- The secret's first characters, so a key can be recognised in a list without being usable.
    prefix              text        NOT NULL,
    requests_per_second integer     CHECK (requests_per_second > 0),
    created_at          timestamptz NOT NULL DEFAULT now(),
    created_by          text,
    last_used_at        timestamptz,
    expires_at          timestamptz,
    revoked_at          timestamptz
);

-- Who changed what: uploads, runs, publishes, deletes, key changes (and refused attempts).
CREATE TABLE audit_event (
    id         bigserial   PRIMARY KEY,
    at         timestamptz NOT NULL DEFAULT now(),
    key_id     bigint,
    key_name   text,
    action     text        NOT NULL,
    method     text        NOT NULL,
    path       text        NOT NULL,
    status     integer     NOT NULL,
    request_id text
);

-- Runs are claimed from the queue by one instance at a time, which holds a lease it renews while it works; a run
-- whose lease ran out (its instance died) is claimed again by another. attempt counts the claims.
ALTER TABLE segmentation
    ADD COLUMN claimed_by  text,
    ADD COLUMN lease_until timestamptz,
    ADD COLUMN attempt     integer NOT NULL DEFAULT 0;

CREATE INDEX segmentation_queue_idx ON segmentation (id) WHERE status IN ('QUEUED', 'RUNNING');
