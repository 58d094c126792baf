package dev.sluice.server.internal;

import dev.sluice.store.ApiToken;
import dev.sluice.store.Connection;
import dev.sluice.store.GrantLevel;
import dev.sluice.store.SluiceStore;
import dev.sluice.store.TokenScope;
import java.util.Optional;
import java.util.UUID;

/**
 * Decides what a caller may do with a connection: admins everything, members what their grant says, and nothing
 * without a grant; an API token never more than its scopes allow ({@code read}, {@code write}, {@code manage}) and
 * only on the connections it is limited to. A member is told the same thing about a connection that does not exist
 * and one they may not see, so a deny leaks nothing. Thread-safe.
 */
public final class Access {
    private final SluiceStore store;

    public Access(SluiceStore store) {
        this.store = store;
    }

    /** The caller's level on the connection, if any: their role's or grant's, narrowed by their API token. */
    public Optional<GrantLevel> level(Caller caller, Connection c) {
        Optional<GrantLevel> own = own(caller, c);
        ApiToken t = caller.token();
        if (t == null || own.isEmpty()) {
            return own;
        }
        GrantLevel cap = TokenScope.cap(t.scopes());
        if (cap == null || !t.reaches(c.id())) {
            return Optional.empty();
        }
        return Optional.of(own.get().includes(cap) ? cap : own.get());
    }

    /**
     * The caller's level on a database registered for flows: admins {@code manage}, members their database grant,
     * narrowed by their API token like a connection's.
     */
    public Optional<GrantLevel> level(Caller caller, dev.sluice.store.DatabaseConnection d) {
        Optional<GrantLevel> own = caller.user().isAdmin() ? Optional.of(GrantLevel.MANAGE)
                : store.databases().level(d.id(), caller.name());
        ApiToken t = caller.token();
        if (t == null || own.isEmpty()) {
            return own;
        }
        GrantLevel cap = TokenScope.cap(t.scopes());
        if (cap == null || !t.reaches(d.id())) {
            return Optional.empty();
        }
        return Optional.of(own.get().includes(cap) ? cap : own.get());
    }

    /**
     * The caller's level on what a flow names a connection: a server connection, else a registered database; empty
     * when there is neither or the caller holds no grant on it.
     */
    public Optional<GrantLevel> levelByName(Caller caller, String name) {
        Optional<Connection> c = store.connections().get(name);
        if (c.isPresent()) {
            return level(caller, c.get());
        }
        return store.databases().get(name).flatMap(d -> level(caller, d));
    }

    private Optional<GrantLevel> own(Caller caller, Connection c) {
        if (caller.user().isAdmin()) {
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
        Optional<GrantLevel> own = own(caller, c);
        if (own.isEmpty()) {
            throw noAccess(ref);
        }
        ApiToken t = caller.token();
        if (t != null && !t.reaches(c.id())) {
            throw ApiProblem.forbidden("this API token is limited to other connections than '" + c.name() + "'");
        }
        Optional<GrantLevel> level = level(caller, c);
        if (level.isEmpty() || !level.get().includes(needed)) {
            if (t != null && own.get().includes(needed)) {
                GrantLevel cap = TokenScope.cap(t.scopes());
                throw ApiProblem.forbidden("this needs the '" + needed.wireName() + "' grant on connection '" + c.name()
                        + "'; this API token's scopes (" + TokenScope.join(t.scopes()) + ") allow "
                        + (cap == null ? "no connection access" : "at most '" + cap.wireName() + "'"));
            }
            throw ApiProblem.forbidden("this needs the '" + needed.wireName() + "' grant on connection '" + c.name()
                    + "'; you have '" + own.get().wireName() + "'");
        }
        return c;
    }

    /** Refuses an API token without {@code scope} (sessions pass). */
    public static void requireScope(Caller caller, TokenScope scope, String what) {
        if (!caller.has(scope)) {
            throw ApiProblem.forbidden(what + " needs an API token with the '" + scope.wireName() + "' scope; this one "
                    + "has " + TokenScope.join(caller.token().scopes()));
        }
    }

    /** Refuses a member, and an admin's API token without the admin scope. */
    public static void requireAdmin(Caller caller) {
        if (!caller.isAdmin()) {
            throw ApiProblem.forbidden(caller.user().isAdmin() ? "this needs the admin role: an API token needs the "
                    + "'admin' scope for it" : "this needs the admin role");
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
