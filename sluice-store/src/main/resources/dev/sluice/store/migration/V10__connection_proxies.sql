-- Issue 19 (enterprise deployment). Standard SQL for H2 and PostgreSQL.
--
-- A connection's own HTTP proxy, overriding the process's (sluice.yaml or HTTPS_PROXY): address is
-- 'http://host:port', or 'direct' for no proxy at all. The proxy password is not here: it is a connection secret
-- ('proxy-password' in connection_secrets, encrypted like every secret) bound to 'proxy ' || address, so it is only
-- ever sent to the proxy it was entered for. Rows go with their connection.
CREATE TABLE connection_proxies (
    connection_id  UUID          NOT NULL PRIMARY KEY REFERENCES connections (id) ON DELETE CASCADE,
    address        VARCHAR(300)  NOT NULL,
    proxy_user     VARCHAR(256),
    updated_at     TIMESTAMP WITH TIME ZONE NOT NULL
);
