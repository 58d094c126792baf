-- Sluice store: flows uploaded to the server (sluice-server), and db-scheduler's table for cluster-safe schedules.
-- Standard types for H2 2.x and PostgreSQL 12+ (BYTEA is an H2 alias of VARBINARY).

CREATE TABLE flow_definitions (
    name         VARCHAR(100)     NOT NULL PRIMARY KEY,
    yaml         VARCHAR(1000000) NOT NULL,
    uploaded_by  VARCHAR(100)     NOT NULL,
    uploaded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- db-scheduler 16.x (github.com/kagkarlsson/db-scheduler, db-scheduler/src/test/resources/postgresql_tables.sql),
-- with VARCHAR for TEXT so that H2 accepts the keys.
CREATE TABLE scheduled_tasks (
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

CREATE INDEX execution_time_idx ON scheduled_tasks (execution_time);
CREATE INDEX last_heartbeat_idx ON scheduled_tasks (last_heartbeat);
CREATE INDEX priority_execution_time_idx ON scheduled_tasks (priority DESC, execution_time ASC);
