package dev.sluice.store;

import dev.sluice.store.internal.Checks;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * A database (PostgreSQL or H2) an admin registered for flows, by name. Holds no secret: the password is kept
 * encrypted by {@link DatabaseStore}. Immutable and thread-safe.
 *
 * @param id the database's id; also the associated data of its password
 * @param name unique name among databases and connections (the same rules as connection names)
 * @param jdbcUrl {@code jdbc:postgresql://HOST:PORT/DB} or {@code jdbc:h2:…}; never with a password in it
 * @param user the database user, or null
 * @param hasPassword whether a password is stored
 * @param createdBy the admin who registered it
 * @param createdAt when
 */
public record DatabaseConnection(UUID id, String name, String jdbcUrl, String user, boolean hasPassword,
        String createdBy, Instant createdAt) {
    /** Longest JDBC URL kept (the column is VARCHAR(1024)). */
    public static final int MAX_URL = 1024;

    public DatabaseConnection {
        Checks.required(id, "database id");
        ConnectionSettings.checkName(name);
        jdbcUrl = checkUrl(jdbcUrl);
        user = user == null || user.isBlank() ? null : Checks.text(user, "database user", 256);
    }

    /**
     * Checks a JDBC URL: PostgreSQL or H2 only, no password in it (passwords are entered apart and stored encrypted).
     */
    public static String checkUrl(String url) {
        String u = Checks.text(url, "JDBC URL", MAX_URL);
        if (!u.startsWith("jdbc:postgresql:") && !u.startsWith("jdbc:h2:")) {
            throw Checks.invalid("JDBC URL must start with jdbc:postgresql:// (PostgreSQL) or jdbc:h2: (H2)");
        }
        if (u.toLowerCase(Locale.ROOT).contains("password")) {
            throw Checks.invalid("the JDBC URL must not carry a password; enter it in the password field, where it is "
                    + "stored encrypted");
        }
        return u;
    }

    /** The URL without its query string or H2 settings, for pages and messages. */
    public String describe() {
        int cut = jdbcUrl.length();
        for (char c : new char[] {'?', ';'}) {
            int i = jdbcUrl.indexOf(c);
            if (i >= 0) {
                cut = Math.min(cut, i);
            }
        }
        return jdbcUrl.substring(0, cut);
    }
}
