package dev.sluice.store;

import dev.sluice.store.internal.Checks;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * A local account of the Sluice server; its password hash stays in the {@link UserStore}. Immutable and thread-safe.
 *
 * @param name unique user name: lower-case letters, digits, '.', '_', '-' and '@', 1–64 characters
 * @param role admin or member
 * @param mustChangePassword whether the next sign-in must set a new password (a one-time password was given)
 * @param createdAt when the account was created
 */
public record User(String name, Role role, boolean mustChangePassword, Instant createdAt) {
    /** User names: safe in URLs and audit lines. */
    public static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9._@-]{0,63}$");

    public User {
        checkName(name);
        Checks.required(role, "role");
        Checks.required(createdAt, "created at");
    }

    /** Checks a user name; the error says what is allowed. */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw Checks.invalid("user name '" + (name == null ? "" : name.replaceAll("\\p{Cntrl}", "?"))
                    + "' is not valid: use 1-64 lower-case letters, digits, '.', '_', '-' or '@'");
        }
        return name;
    }

    /** Whether this user is an admin. */
    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
