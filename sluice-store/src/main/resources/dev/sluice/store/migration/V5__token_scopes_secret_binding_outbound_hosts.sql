-- Issue 23 (hardening). Standard SQL for H2 and PostgreSQL.
--
-- API tokens get scopes, an optional list of connections, an expiry and the token that created them (revoking a
-- token revokes what it created). Tokens made before this version keep what they could do (every data and admin
-- right of their owner, but not minting tokens, which now needs the explicit 'tokens' scope) and expire 90 days
-- after the upgrade.
ALTER TABLE api_tokens ADD COLUMN scopes VARCHAR(128) DEFAULT 'read write manage admin' NOT NULL;
ALTER TABLE api_tokens ADD COLUMN connection_ids VARCHAR(4000);
ALTER TABLE api_tokens ADD COLUMN expires_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE api_tokens ADD COLUMN parent_id UUID REFERENCES api_tokens (id) ON DELETE CASCADE;
UPDATE api_tokens SET expires_at = CURRENT_TIMESTAMP + INTERVAL '90' DAY WHERE expires_at IS NULL;
CREATE INDEX api_tokens_parent_ix ON api_tokens (parent_id);

-- A stored client secret or certificate key is bound to the token endpoint it was entered for: the identity
-- provider destination (explicit token endpoint, discovery URL, or authority and tenant) when it was stored. Rows
-- from before this version are NULL: bound to the connection's settings as they are now (every later change of the
-- destination must enter the secret again).
ALTER TABLE connection_secrets ADD COLUMN bound_to VARCHAR(2100);

-- Outbound destinations an admin allowed besides Microsoft's public and sovereign cloud hosts: a host name, an IP
-- address or a '*.' suffix, with an optional port. private_addresses: the host may resolve to a private, loopback or
-- link-local address (always true for an IP literal or localhost, which the admin named on purpose).
CREATE TABLE outbound_hosts (
    host               VARCHAR(300)  NOT NULL PRIMARY KEY,
    private_addresses  BOOLEAN       NOT NULL,
    added_by           VARCHAR(256)  NOT NULL,
    added_at           TIMESTAMP WITH TIME ZONE NOT NULL
);
