-- Sluice store: flow runs as the server shows and steers them, sealed dead letters, and the keys a full-compare
-- flow saw. Standard types for H2 2.x and PostgreSQL 12+ (BYTEA is an H2 alias of VARBINARY).
--
-- flow_runs: who started a run and how, progress (counters are written with every chunk's checkpoint;
-- progress_at is the time of the last one), the rows expected (for an ETA, when known), a cancel request
-- (the runner stops at the next chunk boundary), and a detail line (e.g. which part of 'where' was pushed
-- down). Later work (several nodes, each run owned through a lease) extends this table.
ALTER TABLE flow_runs ADD COLUMN started_by VARCHAR(100);
ALTER TABLE flow_runs ADD COLUMN started_via VARCHAR(32);
ALTER TABLE flow_runs ADD COLUMN deleted_count BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE flow_runs ADD COLUMN expected_count BIGINT;
ALTER TABLE flow_runs ADD COLUMN progress_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE flow_runs ADD COLUMN cancel_requested_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE flow_runs ADD COLUMN cancel_requested_by VARCHAR(100);
ALTER TABLE flow_runs ADD COLUMN detail VARCHAR(4000);

CREATE INDEX flow_runs_status_idx ON flow_runs (status);

-- Dead letters are source records: from now on they are kept only as a Tink AEAD ciphertext (AES-256-GCM) whose
-- associated data is the flow's name and the slot ('flow:NAME|dead-letter'), like every secret the store keeps.
-- Rows written in clear before this migration are sealed when the store opens, then their clear column is emptied.
ALTER TABLE flow_dead_letters ALTER COLUMN source DROP NOT NULL;
ALTER TABLE flow_dead_letters ADD COLUMN key_id INTEGER;
ALTER TABLE flow_dead_letters ADD COLUMN ciphertext BYTEA;

-- The target keys a full read wrote, one sealed blob per chunk ('flow:NAME|flow-keys'): keys of the last complete
-- full read that the next one no longer sees were deleted at the source. A generation is the run that wrote it.
CREATE TABLE flow_keys (
    flow        VARCHAR(100) NOT NULL,
    generation  UUID         NOT NULL,
    seq         BIGINT       NOT NULL,
    key_id      INTEGER      NOT NULL,
    ciphertext  BYTEA        NOT NULL,
    PRIMARY KEY (flow, generation, seq)
);
