package dev.sluice.store.internal;

import java.time.Duration;

/** The SQL databases the store runs on, and the few statements that differ between them. Thread-safe. */
public enum Dialect {
    H2("H2"),
    POSTGRESQL("PostgreSQL");

    private final String displayName;

    Dialect(String displayName) {
        this.displayName = displayName;
    }

    /** The product name for messages. */
    public String displayName() {
        return displayName;
    }

    /** The dialect of a JDBC URL, or null when it is neither H2 nor PostgreSQL. */
    public static Dialect of(String jdbcUrl) {
        if (jdbcUrl.startsWith("jdbc:h2:")) {
            return H2;
        }
        if (jdbcUrl.startsWith("jdbc:postgresql:")) {
            return POSTGRESQL;
        }
        return null;
    }

    /** Session statement that bounds how long a statement waits for a row lock. */
    public String lockTimeoutSql(Duration timeout) {
        long ms = Math.max(1, timeout.toMillis());
        return this == H2 ? "SET LOCK_TIMEOUT " + ms : "SET lock_timeout = " + ms;
    }
}
