-- Sluice store: several server nodes on one database (issue 17). Standard types for H2 2.x and PostgreSQL 12+
-- (BYTEA is an H2 alias of VARBINARY). Every change is additive, so nodes of the previous version keep working
-- while the first node of this version has migrated (a rolling upgrade).

-- The nodes of the cluster: each 'sluice serve' registers itself and writes a heartbeat every few seconds.
-- instance_id is the process (a node restarted under the same name is a new instance); schema_version is the
-- newest migration the node's build carries.
CREATE TABLE cluster_nodes (
    name            VARCHAR(100) NOT NULL PRIMARY KEY,
    instance_id     UUID         NOT NULL,
    version         VARCHAR(64)  NOT NULL,
    schema_version  VARCHAR(32)  NOT NULL,
    address         VARCHAR(400),
    state           VARCHAR(16)  NOT NULL,
    run_limit       INTEGER      NOT NULL,
    lease_millis    BIGINT       NOT NULL,
    started_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

-- Who holds a flow run: node is the node running it now (null while it waits for one); lease_epoch grows by one
-- every time a node takes the run, and the holder's checkpoint writes carry it, so a node that lost the run (its
-- lease expired and another node took it over) can no longer write. takeovers counts the times a run was taken
-- from a node that had stopped answering.
ALTER TABLE flow_runs ADD COLUMN node VARCHAR(100);
ALTER TABLE flow_runs ADD COLUMN lease_epoch INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE flow_runs ADD COLUMN takeovers INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE flow_runs ADD COLUMN taken_over_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE flow_runs ADD COLUMN taken_over_from VARCHAR(100);
CREATE INDEX flow_runs_node_idx ON flow_runs (node);

-- At most one queued or running server run per flow, across every node: the row goes with the run's end.
CREATE TABLE flow_active_runs (
    flow    VARCHAR(100) NOT NULL PRIMARY KEY,
    run_id  UUID         NOT NULL,
    since   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE UNIQUE INDEX flow_active_runs_run_idx ON flow_active_runs (run_id);

-- The run leases: db-scheduler 16.x's table (github.com/kagkarlsson/db-scheduler, postgresql_tables.sql), one
-- execution per queued or running run (task 'sluice-flow-run', instance = the run id). The node that picks an
-- execution holds the run while it keeps the execution's heartbeat fresh; a node that stops heartbeating loses it
-- to the next node that polls. Separate from scheduled_tasks so each node's thread pool here is its run limit.
CREATE TABLE flow_run_leases (
    task_name             VARCHAR(255) NOT NULL,
    task_instance         VARCHAR(255) NOT NULL,
    task_data             BYTEA,
    execution_time        TIMESTAMP WITH TIME ZONE NOT NULL,
    picked                BOOLEAN      NOT NULL,
    picked_by             VARCHAR(255),
    last_success          TIMESTAMP WITH TIME ZONE,
    last_failure          TIMESTAMP WITH TIME ZONE,
    consecutive_failures  INT,
    last_heartbeat        TIMESTAMP WITH TIME ZONE,
    version               BIGINT       NOT NULL,
    priority              SMALLINT,
    PRIMARY KEY (task_name, task_instance)
);
CREATE INDEX flow_run_leases_execution_time_idx ON flow_run_leases (execution_time);
CREATE INDEX flow_run_leases_last_heartbeat_idx ON flow_run_leases (last_heartbeat);
CREATE INDEX flow_run_leases_priority_idx ON flow_run_leases (priority DESC, execution_time ASC);

-- Failed sign-ins, counted for every node alike. The key is a SHA-256 digest of what is counted (user name and
-- client address, an address, a user name, or an address a user signed in from), so neither is kept in clear.
CREATE TABLE sign_in_failures (
    key_hash  CHAR(64) NOT NULL PRIMARY KEY,
    failures  INTEGER  NOT NULL,
    last_at   TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sign_in_failures_last_idx ON sign_in_failures (last_at);

-- The oldest node schema that can still work with this database: a migration that removes or renames what older
-- nodes use raises it, and nodes whose newest migration is older refuse to start (see SchemaCompatibility).
CREATE TABLE sluice_schema_floor (
    id            INTEGER      NOT NULL PRIMARY KEY,
    oldest_schema VARCHAR(32)  NOT NULL
);
INSERT INTO sluice_schema_floor (id, oldest_schema) VALUES (1, '1');
