package dev.sluice.server.internal;

import dev.sluice.store.Connection;
import dev.sluice.store.GrantLevel;
import dev.sluice.store.SluiceStore;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides what a caller may do with a connection: admins everything, members what their grant says, and nothing
 * without a grant. A member is told the same thing about a connection that does not exist and one they may not see,
 * so a deny leaks nothing. Thread-safe.
 */
public final class Access {
    private final SluiceStore store;

    public Access(SluiceStore store) {
        this.store = store;
    }

    /** The caller's level on the connection, if any. */
    public Optional<GrantLevel> level(Caller caller, Connection c) {
        if (caller.isAdmin()) {
            return Optional.of(GrantLevel.MANAGE);
        }
        return store.grants().level(c.id(), caller.name());
    }

    /** The connection named by {@code ref} (its id or its name), if the caller holds at least {@code needed}. */
    public Connection require(Caller caller, String ref, GrantLevel needed) {
        Optional<Connection> found = find(ref);
        if (found.isEmpty()) {
            if (caller.isAdmin()) {
                throw ApiProblem.notFound("no connection '" + ref + "'");
            }
            throw noAccess(ref);
        }
        Connection c = found.get();
        Optional<GrantLevel> level = level(caller, c);
        if (level.isEmpty()) {
            throw noAccess(ref);
        }
        if (!level.get().includes(needed)) {
            throw ApiProblem.forbidden("this needs the '" + needed.wireName() + "' grant on connection '" + c.name()
                    + "'; you have '" + level.get().wireName() + "'");
        }
        return c;
    }

    /** Refuses a member. */
    public static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw ApiProblem.forbidden("this needs the admin role");
        }
    }

    private Optional<Connection> find(String ref) {
        try {
            return store.connections().get(UUID.fromString(ref));
        } catch (IllegalArgumentException notUuid) {
            return store.connections().get(ref);
        }
    }

    private static ApiProblem noAccess(String ref) {
        return ApiProblem.forbidden("you have no grant on connection '" + ref + "' (or it does not exist)");
    }
}
