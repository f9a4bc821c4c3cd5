-- Deadline day: fair dispatch, queue positions, throughput and replays of platform failures.

-- The job that now answers for a submission (its outbox row id = the job's event id). A replay
-- of a FAILED_INFRA submission gives it a new job; completions of any other job are stale and
-- are not stored. NULL for rows written before this column: any completion counts for them.
ALTER TABLE submissions ADD COLUMN current_job_id uuid;

-- Unfinished submissions: queue depth, in-flight count and positions read only these rows, so
-- the queries stay small however many graded submissions the table holds.
CREATE INDEX submissions_unfinished_idx ON submissions (received_at)
    WHERE status IN ('QUEUED', 'RUNNING');

-- A student's submissions in time order: their turn in the fair order (how many they made
-- within the fairness horizon).
CREATE INDEX submissions_user_received_idx ON submissions (user_id, received_at);

-- Recent gradings: the measured throughput behind etaSeconds.
CREATE INDEX submissions_graded_at_idx ON submissions (graded_at) WHERE graded_at IS NOT NULL;
