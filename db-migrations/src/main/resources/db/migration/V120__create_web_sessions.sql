-- Browser sessions of the web pages (sign-in with an API token) and of LTI launches. The cookie
-- holds a random 32-byte id; only its SHA-256 (hex) is stored, so a database leak yields no
-- usable session. The session's CSRF token is derived from the cookie's secret (see WebSessions),
-- so it is per session and never stored.
CREATE TABLE web_sessions (
    id_hash       text        PRIMARY KEY,
    user_id       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    opened_by     text        NOT NULL,
    created_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    CONSTRAINT web_sessions_id_hash_ck CHECK (id_hash ~ '^[0-9a-f]{64}$'),
    CONSTRAINT web_sessions_opened_by_ck CHECK (opened_by IN ('TOKEN', 'LTI'))
);
CREATE INDEX web_sessions_user_id_idx ON web_sessions (user_id);
-- The hourly purge deletes by expiry.
CREATE INDEX web_sessions_expires_at_idx ON web_sessions (expires_at);
