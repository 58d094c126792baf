-- Sluice store: databases (PostgreSQL, H2) an admin registered, so that flows built in the server's designer can
-- read from and write to them without a flow file naming a JDBC URL or the server's files. The password is a Tink
-- AEAD ciphertext (AES-256-GCM) whose associated data is 'database:ID|password'; nothing secret is stored in clear.
-- Access is per user and database, like connection grants: view < read < write < manage, none by default.
CREATE TABLE database_connections (
    id          UUID          NOT NULL PRIMARY KEY,
    name        VARCHAR(63)   NOT NULL,
    jdbc_url    VARCHAR(1024) NOT NULL,
    user_name   VARCHAR(256),
    key_id      INTEGER,
    password    BYTEA,
    created_by  VARCHAR(256)  NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT database_connections_name_uq UNIQUE (name)
);

CREATE TABLE database_grants (
    database_id  UUID         NOT NULL REFERENCES database_connections (id) ON DELETE CASCADE,
    user_name    VARCHAR(64)  NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    level        VARCHAR(16)  NOT NULL,
    granted_by   VARCHAR(256) NOT NULL,
    granted_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (database_id, user_name)
);
CREATE INDEX database_grants_user_ix ON database_grants (user_name);
