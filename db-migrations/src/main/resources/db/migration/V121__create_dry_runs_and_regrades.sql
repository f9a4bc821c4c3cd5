-- Instructor tools of the web pages.

-- A reference solution run against a draft suite that is not published: never a grade, never a
-- suite version, never seen by students. The worker grades it like any job (purpose DRY_RUN,
-- keyed by the dry run's id); the web's own results consumer stores the verdicts here.
CREATE TABLE dry_runs (
    id            uuid        PRIMARY KEY,
    exercise_id   uuid        NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
    created_by    uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    suite         jsonb       NOT NULL,
    files         jsonb       NOT NULL,
    status        text        NOT NULL,
    tests         jsonb,
    score         double precision,
    max_score     double precision NOT NULL,
    infra_reason  text,
    created_at    timestamptz NOT NULL,
    graded_at     timestamptz,
    CONSTRAINT dry_runs_status_ck CHECK (status IN ('QUEUED', 'RUNNING', 'GRADED', 'FAILED_INFRA'))
);
CREATE INDEX dry_runs_exercise_id_idx ON dry_runs (exercise_id, created_at DESC);
CREATE INDEX dry_runs_created_by_idx ON dry_runs (created_by);

-- "Regrade all on version N": every student's latest submission is submitted again (purpose
-- REGRADE) on the new version; items pair each original with its regrade, so the page can show
-- what changed without touching the original grade.
CREATE TABLE regrades (
    id             uuid        PRIMARY KEY,
    exercise_id    uuid        NOT NULL,
    suite_version  integer     NOT NULL,
    created_by     uuid        NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at     timestamptz NOT NULL,
    FOREIGN KEY (exercise_id, suite_version) REFERENCES suite_versions (exercise_id, version)
        ON DELETE CASCADE
);
-- (exercise_id, suite_version) first: serves both the foreign key and "this exercise's regrades".
CREATE INDEX regrades_exercise_idx ON regrades (exercise_id, suite_version);
CREATE INDEX regrades_created_by_idx ON regrades (created_by);

CREATE TABLE regrade_items (
    regrade_id              uuid NOT NULL REFERENCES regrades (id) ON DELETE CASCADE,
    original_submission_id  uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    regrade_submission_id   uuid NOT NULL REFERENCES submissions (id) ON DELETE CASCADE,
    PRIMARY KEY (regrade_id, original_submission_id),
    CONSTRAINT regrade_items_regrade_submission_uk UNIQUE (regrade_submission_id)
);
CREATE INDEX regrade_items_original_idx ON regrade_items (original_submission_id);
