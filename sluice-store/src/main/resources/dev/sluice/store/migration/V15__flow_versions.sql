-- Sluice store: every saved version of a server flow (uploads and the web UI's designer), with who saved it, when
-- and how. flow_definitions keeps the current version; flow_versions keeps them all, numbered from 1 per flow.
-- Standard types for H2 2.x and PostgreSQL 12+.
CREATE TABLE flow_versions (
    flow      VARCHAR(100)     NOT NULL,
    version   INTEGER          NOT NULL,
    yaml      VARCHAR(1000000) NOT NULL,
    saved_by  VARCHAR(100)     NOT NULL,
    saved_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    origin    VARCHAR(16)      NOT NULL,
    PRIMARY KEY (flow, version)
);

-- uploads made before versions existed become their flow's version 1
INSERT INTO flow_versions (flow, version, yaml, saved_by, saved_at, origin)
    SELECT name, 1, yaml, uploaded_by, uploaded_at, 'upload' FROM flow_definitions;
