-- Sluice store: what a change-tracking flow that writes by a natural key remembers of each source row it wrote.
-- Dataverse reports a deleted row by its id only; to delete (or mark) the target row of a deleted account, a flow
-- that upserts by e.g. the account number keeps, for every source row it wrote, its source id and the target key it
-- was written under. Standard types for H2 2.x and PostgreSQL 12+ (BYTEA is an H2 alias of VARBINARY).
--
-- flow_source_keys: one row per source row a flow wrote. The source id and the target key are source data: they are
-- kept only as a Tink AEAD ciphertext (AES-256-GCM, associated data 'flow:NAME|source-keys'). The two hashes are
-- keyed (HMAC-SHA-256 with the flow's hash key, first 8 bytes), so they can be looked up by but say nothing about the
-- values: source_hash finds a deleted id's row, key_hash finds every source row still written under a target key.
CREATE TABLE flow_source_keys (
    flow        VARCHAR(100) NOT NULL,
    source_hash BIGINT       NOT NULL,
    key_hash    BIGINT       NOT NULL,
    key_id      INTEGER      NOT NULL,
    ciphertext  BYTEA        NOT NULL,
    PRIMARY KEY (flow, source_hash)
);

CREATE INDEX flow_source_keys_key_idx ON flow_source_keys (flow, key_hash);

-- flow_hash_keys: each flow's random 32-byte HMAC key for the hashes above, sealed ('flow:NAME|hash-key').
CREATE TABLE flow_hash_keys (
    flow        VARCHAR(100) NOT NULL PRIMARY KEY,
    key_id      INTEGER      NOT NULL,
    ciphertext  BYTEA        NOT NULL
);
