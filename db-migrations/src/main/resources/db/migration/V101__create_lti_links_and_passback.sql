-- LTI 1.3 links between LMS objects and Arbiter's (users, courses, exercises), the roster seen
-- through launches and NRPS, deep-linking requests in progress, and grade passback state.

-- An LMS user (iss + sub) is an Arbiter user. sub is also the AGS userId of their scores.
CREATE TABLE lti_user_links (
    platform_id uuid        NOT NULL REFERENCES lti_platforms (id) ON DELETE CASCADE,
    subject     text        NOT NULL,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (platform_id, subject)
);
CREATE INDEX lti_user_links_user_id_idx ON lti_user_links (user_id);

-- An LMS course (context) feeds one Arbiter course; several contexts may feed the same course.
CREATE TABLE lti_contexts (
    id              uuid        PRIMARY KEY,
    platform_id     uuid        NOT NULL REFERENCES lti_platforms (id) ON DELETE CASCADE,
    context_id      text        NOT NULL,
    deployment_id   text        NOT NULL,
    course_id       uuid        NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    title           text,
    memberships_url text,
    created_at      timestamptz NOT NULL,
    CONSTRAINT lti_contexts_platform_context_uk UNIQUE (platform_id, context_id)
);
CREATE INDEX lti_contexts_course_id_idx ON lti_contexts (course_id);

-- Who the LMS says is in a context (from launches and NRPS): passback goes only to line items of
-- contexts the student belongs to.
CREATE TABLE lti_context_members (
    context_pk  uuid        NOT NULL REFERENCES lti_contexts (id) ON DELETE CASCADE,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    PRIMARY KEY (context_pk, user_id)
);
CREATE INDEX lti_context_members_user_id_idx ON lti_context_members (user_id);

-- A placement of an exercise in an LMS course and its gradebook column (AGS line item).
CREATE TABLE lti_resource_links (
    id               uuid        PRIMARY KEY,
    platform_id      uuid        NOT NULL REFERENCES lti_platforms (id) ON DELETE CASCADE,
    resource_link_id text        NOT NULL,
    context_pk       uuid        NOT NULL REFERENCES lti_contexts (id) ON DELETE CASCADE,
    exercise_id      uuid        NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    line_item_url    text,
    created_at       timestamptz NOT NULL,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT lti_resource_links_platform_link_uk UNIQUE (platform_id, resource_link_id)
);
CREATE INDEX lti_resource_links_context_pk_idx ON lti_resource_links (context_pk);
CREATE INDEX lti_resource_links_exercise_id_idx ON lti_resource_links (exercise_id);

-- Per-exercise passback policy; an exercise without a row reports its best score.
CREATE TABLE lti_exercise_passback_policies (
    exercise_id uuid        PRIMARY KEY REFERENCES exercises (id) ON DELETE CASCADE,
    policy      text        NOT NULL CHECK (policy IN ('BEST', 'LATEST')),
    updated_at  timestamptz NOT NULL
);

-- The passback outbox: one row per student and line item, marked PENDING in the transaction that
-- stores a grade; the relay posts the current score and records the outcome.
CREATE TABLE lti_passbacks (
    id               uuid        PRIMARY KEY,
    resource_link_pk uuid        NOT NULL REFERENCES lti_resource_links (id) ON DELETE CASCADE,
    user_id          uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status           text        NOT NULL CHECK (status IN ('PENDING', 'SENT', 'FAILED')),
    generation       bigint      NOT NULL,
    attempts         integer     NOT NULL,
    next_attempt_at  timestamptz NOT NULL,
    claimed_until    timestamptz,
    last_error       text,
    submission_id    uuid        REFERENCES submissions (id) ON DELETE SET NULL,
    score_given      double precision,
    score_maximum    double precision,
    last_timestamp   timestamptz,
    sent_at          timestamptz,
    updated_at       timestamptz NOT NULL,
    CONSTRAINT lti_passbacks_link_user_uk UNIQUE (resource_link_pk, user_id)
);
CREATE INDEX lti_passbacks_user_id_idx ON lti_passbacks (user_id);
CREATE INDEX lti_passbacks_submission_id_idx ON lti_passbacks (submission_id);
CREATE INDEX lti_passbacks_due_idx ON lti_passbacks (next_attempt_at) WHERE status = 'PENDING';

-- A deep-linking request waiting for the instructor's pick: where and how to answer the LMS.
CREATE TABLE lti_deep_link_requests (
    id            uuid        PRIMARY KEY,
    platform_id   uuid        NOT NULL REFERENCES lti_platforms (id) ON DELETE CASCADE,
    deployment_id text        NOT NULL,
    user_id       uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    course_id     uuid        NOT NULL REFERENCES courses (id) ON DELETE CASCADE,
    return_url    text        NOT NULL,
    data          text,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL
);
CREATE INDEX lti_deep_link_requests_platform_id_idx ON lti_deep_link_requests (platform_id);
CREATE INDEX lti_deep_link_requests_user_id_idx ON lti_deep_link_requests (user_id);
CREATE INDEX lti_deep_link_requests_course_id_idx ON lti_deep_link_requests (course_id);

-- Browser sessions opened by an LTI launch (a cookie, since the LMS iframe has no bearer token).
-- Only the SHA-256 of the cookie value is kept, like api_tokens.
CREATE TABLE lti_sessions (
    token_hash  bytea       PRIMARY KEY,
    user_id     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL,
    CONSTRAINT lti_sessions_token_hash_len_ck CHECK (octet_length(token_hash) = 32)
);
CREATE INDEX lti_sessions_user_id_idx ON lti_sessions (user_id);
CREATE INDEX lti_sessions_expires_at_idx ON lti_sessions (expires_at);
