-- Arbiter core schema: people and courses, exercises with immutable suite versions, submissions
-- and their per-test results, the transactional outbox and the consumer's processed-event log.
-- Flyway owns this schema (Hibernate generation is off); this file is never edited once it lands.

-- A person. Administrators may do everything an instructor may, in every course.
CREATE TABLE users (
    id          uuid        PRIMARY KEY,
    name        text        NOT NULL,
    email       text,
    is_admin    boolean     NOT NULL DEFAULT false,
    created_at  timestamptz NOT NULL
);
-- One account per address, whatever its case; LTI-provisioned users may have none.
CREATE UNIQUE INDEX users_email_uk ON users (lower(email)) WHERE email IS NOT NULL;

-- The identity behind ARBITER_BOOTSTRAP_TOKEN, so rows it creates (suite versions) have an author.
-- The token itself is never stored: it is compared in memory.
INSERT INTO users (id, name, email, is_admin, created_at)
VALUES ('00000000-0000-0000-0000-000000000001', 'bootstrap administrator', NULL, true, now());

-- API tokens: only the SHA-256 of the token is kept, so a database leak yields no usable token.
CREATE TABLE api_tokens (
    id          uuid        PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash  bytea       NOT NULL,
    created_at  timestamptz NOT NULL,
    revoked_at  timestamptz,
    CONSTRAINT api_tokens_token_hash_uk UNIQUE (token_hash),
    CONSTRAINT api_tokens_token_hash_len_ck CHECK (octet_length(token_hash) = 32)
);
CREATE INDEX api_tokens_user_id_idx ON api_tokens (user_id);

CREATE TABLE courses (
    id          uuid        PRIMARY KEY,
    title       text        NOT NULL,
    created_at  timestamptz NOT NULL
);

CREATE TABLE course_members (
    course_id   uuid        NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role        text        NOT NULL,
    created_at  timestamptz NOT NULL,
    updated_at  timestamptz NOT NULL,
    PRIMARY KEY (course_id, user_id),
    CONSTRAINT course_members_role_ck CHECK (role IN ('STUDENT', 'TA', 'INSTRUCTOR'))
);
CREATE INDEX course_members_user_id_idx ON course_members (user_id);

-- Limits hold what the instructor asked for; the service caps them to its configured maxima
-- whenever it reads them, so lowering a maximum takes effect for every exercise at once.
CREATE TABLE exercises (
    id                     uuid        PRIMARY KEY,
    course_id              uuid        NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    slug                   text        NOT NULL,
    title                  text        NOT NULL,
    description            text        NOT NULL DEFAULT '',
    language               text        NOT NULL,
    time_seconds           integer     NOT NULL,
    memory_mb              integer     NOT NULL,
    output_kb              integer     NOT NULL,
    disk_mb                integer     NOT NULL,
    max_processes          integer     NOT NULL,
    current_suite_version  integer,
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    CONSTRAINT exercises_course_slug_uk UNIQUE (course_id, slug),
    CONSTRAINT exercises_slug_ck CHECK (slug ~ '^[a-z0-9-]{1,60}$'),
    CONSTRAINT exercises_limits_ck CHECK (time_seconds > 0 AND memory_mb > 0 AND output_kb > 0
                                          AND disk_mb > 0 AND max_processes > 0)
);
-- exercises_course_slug_uk (course_id first) serves as the index of the course_id foreign key.

-- One immutable version of an exercise's test suite (the contract's JSON, expected values included).
CREATE TABLE suite_versions (
    exercise_id  uuid        NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    version      integer     NOT NULL,
    suite        jsonb       NOT NULL,
    created_at   timestamptz NOT NULL,
    created_by   uuid        NOT NULL REFERENCES users (id),
    PRIMARY KEY (exercise_id, version),
    CONSTRAINT suite_versions_version_ck CHECK (version > 0)
);
CREATE INDEX suite_versions_created_by_idx ON suite_versions (created_by);

-- Submissions record the version they ran; a version can never change underneath a grade.
CREATE FUNCTION suite_versions_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'suite_versions rows are immutable (exercise %, version %)', OLD.exercise_id, OLD.version;
END $$;
CREATE TRIGGER suite_versions_no_update BEFORE UPDATE ON suite_versions
    FOR EACH ROW EXECUTE FUNCTION suite_versions_immutable();

ALTER TABLE exercises ADD CONSTRAINT exercises_current_suite_fk
    FOREIGN KEY (id, current_suite_version) REFERENCES suite_versions (exercise_id, version)
    DEFERRABLE INITIALLY DEFERRED;
-- (id, current_suite_version) is covered by the primary key's index on id.

CREATE TABLE submissions (
    id               uuid             PRIMARY KEY,
    exercise_id      uuid             NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    user_id          uuid             NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    suite_version    integer          NOT NULL,
    files            jsonb            NOT NULL,
    status           text             NOT NULL,
    purpose          text             NOT NULL DEFAULT 'SUBMISSION',
    score            double precision,
    max_score        double precision NOT NULL,
    received_at      timestamptz      NOT NULL,
    started_at       timestamptz,
    graded_at        timestamptz,
    infra_reason     text,
    attempts         integer          NOT NULL DEFAULT 0,
    idempotency_key  text,
    FOREIGN KEY (exercise_id, suite_version) REFERENCES suite_versions (exercise_id, version),
    CONSTRAINT submissions_status_ck CHECK (status IN ('QUEUED', 'RUNNING', 'GRADED', 'FAILED_INFRA')),
    CONSTRAINT submissions_purpose_ck CHECK (purpose IN ('SUBMISSION', 'REGRADE', 'DRY_RUN')),
    -- A retried POST with the same Idempotency-Key finds the first submission, even when the
    -- retries race: the loser of the insert hits this constraint and re-reads the winner.
    CONSTRAINT submissions_user_idempotency_uk UNIQUE (user_id, idempotency_key)
);
-- Serves "my submissions for an exercise", the grade report and both foreign keys on exercise_id.
CREATE INDEX submissions_exercise_user_idx ON submissions (exercise_id, user_id, received_at DESC);
CREATE INDEX submissions_exercise_version_idx ON submissions (exercise_id, suite_version);
-- submissions_user_idempotency_uk (user_id first) serves as the index of the user_id foreign key.

-- One row per test of the submission's suite version, in suite order (ordinal from 0).
CREATE TABLE test_results (
    submission_id  uuid             NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    ordinal        integer          NOT NULL,
    name           text             NOT NULL,
    status         text             NOT NULL,
    score          double precision NOT NULL,
    max_score      double precision NOT NULL,
    time_ms        bigint           NOT NULL,
    output         text,
    stderr         text,
    actual         text,
    message        text,
    PRIMARY KEY (submission_id, ordinal),
    CONSTRAINT test_results_ordinal_ck CHECK (ordinal >= 0)
);

-- Transactional outbox in Debezium's column shape (its EventRouter could replace our relay);
-- attempts and last_error are the relay's bookkeeping.
CREATE TABLE outbox_events (
    id              uuid        PRIMARY KEY,
    aggregate_type  text        NOT NULL,
    aggregate_id    text        NOT NULL,
    type            text        NOT NULL,
    payload         jsonb       NOT NULL,
    created_at      timestamptz NOT NULL,
    published_at    timestamptz,
    attempts        integer     NOT NULL DEFAULT 0,
    last_error      text
);
-- The relay's claim query reads only unpublished rows, oldest first.
CREATE INDEX outbox_events_unpublished_idx ON outbox_events (created_at) WHERE published_at IS NULL;
CREATE INDEX outbox_events_aggregate_idx ON outbox_events (aggregate_type, aggregate_id);

-- Events from grading.results whose effect is stored; inserted in the same transaction as the
-- effect so a redelivered event is recognised and skipped.
CREATE TABLE processed_events (
    event_id      text        PRIMARY KEY,
    processed_at  timestamptz NOT NULL
);
