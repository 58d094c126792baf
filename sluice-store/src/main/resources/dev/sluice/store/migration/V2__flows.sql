-- Sluice store: flow runs, checkpoints and dead letters (sluice-flow). Standard types for H2 2.x and PostgreSQL 12+.
-- A checkpoint is the JSON state a run resumes from (cursor, watermark, or change-tracking token); it is written
-- in the same transaction as its chunk's dead letters and the run's counters. Dead letters hold the source record
-- as JSON, as read; they may hold personal data and are deleted once replayed.

CREATE TABLE flow_runs (
    id              UUID          NOT NULL PRIMARY KEY,
    flow            VARCHAR(100)  NOT NULL,
    status          VARCHAR(16)   NOT NULL,
    dry_run         BOOLEAN       NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at     TIMESTAMP WITH TIME ZONE,
    read_count      BIGINT        NOT NULL,
    created_count   BIGINT        NOT NULL,
    updated_count   BIGINT        NOT NULL,
    skipped_count   BIGINT        NOT NULL,
    rejected_count  BIGINT        NOT NULL,
    message         VARCHAR(4000)
);

CREATE INDEX flow_runs_flow_idx ON flow_runs (flow, started_at);

CREATE TABLE flow_checkpoints (
    flow        VARCHAR(100)    NOT NULL PRIMARY KEY,
    run_id      UUID            NOT NULL,
    state       VARCHAR(65535)  NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE flow_dead_letters (
    id          UUID            NOT NULL PRIMARY KEY,
    flow        VARCHAR(100)    NOT NULL,
    run_id      UUID            NOT NULL,
    source      VARCHAR(1000000) NOT NULL,
    error_kind  VARCHAR(32)     NOT NULL,
    message     VARCHAR(4000)   NOT NULL,
    attempts    INTEGER         NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX flow_dead_letters_flow_idx ON flow_dead_letters (flow, created_at);
