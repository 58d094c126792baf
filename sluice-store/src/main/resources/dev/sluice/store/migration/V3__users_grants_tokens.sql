-- Sluice server: local accounts, per-connection grants, API tokens and web sessions. Standard SQL for H2 and
-- PostgreSQL. Passwords are stored as bcrypt hashes; API tokens and session ids only as SHA-256 hex digests
-- (they are 256-bit random values, so a fast hash is enough and a database copy cannot be replayed).

CREATE TABLE users (
    name                  VARCHAR(64)   NOT NULL PRIMARY KEY,
    role                  VARCHAR(16)   NOT NULL,
    password_hash         VARCHAR(128)  NOT NULL,
    must_change_password  BOOLEAN       NOT NULL,
    created_at            TIMESTAMP WITH TIME ZONE NOT NULL,
    updated_at            TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE connection_grants (
    connection_id  UUID          NOT NULL REFERENCES connections (id) ON DELETE CASCADE,
    user_name      VARCHAR(64)   NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    level          VARCHAR(16)   NOT NULL,
    granted_by     VARCHAR(256)  NOT NULL,
    granted_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (connection_id, user_name)
);
CREATE INDEX connection_grants_user_ix ON connection_grants (user_name);

CREATE TABLE api_tokens (
    id            UUID          NOT NULL PRIMARY KEY,
    user_name     VARCHAR(64)   NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    name          VARCHAR(128)  NOT NULL,
    token_hash    CHAR(64)      NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    last_used_at  TIMESTAMP WITH TIME ZONE,
    revoked_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT api_tokens_hash_uq UNIQUE (token_hash)
);
CREATE INDEX api_tokens_user_ix ON api_tokens (user_name);

CREATE TABLE web_sessions (
    id_hash     CHAR(64)      NOT NULL PRIMARY KEY,
    user_name   VARCHAR(64)   NOT NULL REFERENCES users (name) ON DELETE CASCADE,
    csrf_token  VARCHAR(64)   NOT NULL,
    created_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX web_sessions_user_ix ON web_sessions (user_name);
CREATE INDEX web_sessions_expires_ix ON web_sessions (expires_at);
