package dev.sluice.store.internal;

import dev.sluice.core.Secret;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Where and how to open the database. {@link #toString()} never shows the password or the URL's query string.
 * Immutable and thread-safe.
 *
 * @param jdbcUrl the JDBC URL
 * @param dialect H2 or PostgreSQL
 * @param user the user, or null
 * @param password the password (never logged)
 * @param h2File the H2 file ({@code …/sluice.mv.db}) when the database is the default H2 file, else null
 * @param poolSize maximum pooled connections
 * @param connectTimeout how long to wait for a connection
 * @param lockTimeout how long a statement waits for a row lock
 */
public record DatabaseTarget(
        String jdbcUrl,
        Dialect dialect,
        String user,
        Secret password,
        Path h2File,
        int poolSize,
        Duration connectTimeout,
        Duration lockTimeout) {

    /** The URL as shown in messages: no query string, parameters or user info. */
    public String describe() {
        return Checks.safe(jdbcUrl);
    }

    @Override
    public String toString() {
        return "DatabaseTarget[" + describe() + ", user=" + user + ", password=***]";
    }
}
