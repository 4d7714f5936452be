-- labdb schema 0010: what `labdb serve` keeps.
-- API tokens: only a SHA-256 digest of each token is stored; the token itself is shown
-- once, when it is created. Idempotency keys: the first answer to an allocating request,
-- replayed when a client retries with the same key (kept 24 hours). DNS sync status:
-- what the last `dns plan`/`dns apply` of each target found, for /metrics and the pages.

CREATE TABLE api_tokens (
    id              INTEGER PRIMARY KEY,
    name            TEXT NOT NULL UNIQUE COLLATE NOCASE
                    CHECK (length(name) BETWEEN 1 AND 63 AND name NOT GLOB '*[^A-Za-z0-9._-]*'),
    scope           TEXT NOT NULL CHECK (scope IN ('read', 'write', 'admin')),
    digest          BLOB NOT NULL UNIQUE CHECK (length(digest) = 32),
    created_at      TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%SZ', 'now')),
    created_by      TEXT NOT NULL,
    expires_at      TEXT,
    last_used_at    TEXT
) STRICT;

CREATE TABLE idempotency_keys (
    token_name      TEXT NOT NULL,
    key             TEXT NOT NULL,
    request_digest  BLOB NOT NULL,
    status          INTEGER NOT NULL,
    body            BLOB NOT NULL,
    created_at      REAL NOT NULL,
    PRIMARY KEY (token_name, key)
) STRICT, WITHOUT ROWID;
CREATE INDEX idempotency_keys_age ON idempotency_keys(created_at);

CREATE TABLE dns_sync_status (
    target_id           INTEGER PRIMARY KEY REFERENCES dns_targets(id) ON DELETE CASCADE,
    last_plan_at        TEXT,
    pending_changes     INTEGER NOT NULL DEFAULT 0,
    last_apply_at       TEXT,
    last_apply_result   TEXT,
    last_success_at     TEXT
) STRICT;
