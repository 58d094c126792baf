package dev.sluice.flow;

import java.util.Objects;

/**
 * A connection declared in a flow file's {@code connections:} section. Holds no secret: passwords and tokens
 * are read from the environment variable the file names. Immutable.
 */
public sealed interface ConnectionSpec {
    /**
     * A PostgreSQL or H2 database.
     *
     * @param url JDBC URL
     * @param user database user, or null
     * @param passwordEnv environment variable holding the password, or null
     */
    record Jdbc(String url, String user, String passwordEnv) implements ConnectionSpec {
        public Jdbc {
            Objects.requireNonNull(url, "url");
        }
    }

    /** A directory of CSV ({@code .csv}) and JSON Lines ({@code .jsonl}) files; tables are file names. */
    record Files(String directory) implements ConnectionSpec {
        public Files {
            Objects.requireNonNull(directory, "directory");
        }
    }

    /**
     * A Dataverse environment reached with a bearer token from the environment (e.g. the emulator); stored
     * connections with OAuth come from the engine store instead.
     *
     * @param url org URL, e.g. {@code https://contoso.crm.dynamics.com}
     * @param tokenEnv environment variable holding the bearer token
     */
    record Dataverse(String url, String tokenEnv) implements ConnectionSpec {
        public Dataverse {
            Objects.requireNonNull(url, "url");
        }
    }
}
