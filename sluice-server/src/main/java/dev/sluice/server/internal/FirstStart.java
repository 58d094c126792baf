package dev.sluice.server.internal;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.store.AuditEvent;
import dev.sluice.store.Role;
import dev.sluice.store.SluiceStore;
import java.io.PrintStream;

/**
 * On the first start (no users yet), creates the {@code admin} account with a one-time password: the one in
 * {@code SLUICE_ADMIN_PASSWORD}, or a random one printed once. Either way it must be changed at first sign-in.
 * Thread-safe.
 */
public final class FirstStart {
    /** The first account's name. */
    public static final String ADMIN = "admin";
    /** Environment variable with the first admin's one-time password. */
    public static final String PASSWORD_VARIABLE = "SLUICE_ADMIN_PASSWORD";

    private FirstStart() {}

    /**
     * Creates the admin if there are no users; returns whether it did (false too when another node starting at the
     * same time on the same database created it first).
     */
    public static boolean run(SluiceStore store, String givenPassword, PrintStream out) {
        if (store.users().count() > 0) {
            return false;
        }
        boolean generated = givenPassword == null || givenPassword.isBlank();
        String password = generated ? Passwords.randomToken().substring(0, 20) : givenPassword;
        try {
            store.users().create(ADMIN, Role.ADMIN, Passwords.hash(password), true, AuditEvent.SYSTEM);
        } catch (SluiceException e) {
            if (e.kind() == ErrorKind.CONFLICT && store.users().get(ADMIN).isPresent()) {
                return false; // another node of the cluster created it a moment ago
            }
            throw e;
        }
        if (generated) {
            out.println("Created the first user 'admin' with the one-time password: " + password);
            out.println("Sign in with it and choose a new password; it is not shown again.");
        } else {
            out.println("Created the first user 'admin' with the password from " + PASSWORD_VARIABLE
                    + "; it must be changed at first sign-in.");
        }
        return true;
    }
}
