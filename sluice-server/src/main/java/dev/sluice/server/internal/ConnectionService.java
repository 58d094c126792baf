package dev.sluice.server.internal;

import dev.sluice.core.Secret;
import dev.sluice.dataverse.WhoAmI;
import dev.sluice.store.AuditAction;
import dev.sluice.store.AuditPage;
import dev.sluice.store.AuditQuery;
import dev.sluice.store.AuthMethod;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionSettings;
import dev.sluice.store.Grant;
import dev.sluice.store.GrantLevel;
import dev.sluice.store.SluiceStore;
import dev.sluice.store.TokenScope;
import dev.sluice.store.TokenStatus;
import dev.sluice.store.User;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What people do with connections, grants and the audit log, for the REST API and the web UI alike: every method
 * checks the caller's grant first and leaves the same audit trail whichever door it was called through.
 * Thread-safe.
 */
public final class ConnectionService {
    private final Services s;
    private final SluiceStore store;

    public ConnectionService(Services services) {
        this.s = services;
        this.store = services.store();
    }

    /**
     * A connection as one caller sees it. Immutable.
     *
     * @param connection the connection
     * @param status its token status (metadata only)
     * @param level the caller's grant
     * @param storedSecrets names of the stored secrets (empty unless the caller manages the connection)
     */
    public record Seen(Connection connection, TokenStatus status, GrantLevel level, List<String> storedSecrets) {}

    /** The connections the caller has a grant on. */
    public List<Seen> list(Caller caller) {
        List<Seen> out = new ArrayList<>();
        for (Connection c : store.connections().list()) {
            s.access().level(caller, c).ifPresent(level -> out.add(seen(c, level)));
        }
        return out;
    }

    /** The connection {@code ref} (id or name) if the caller holds at least {@code needed}, as they see it. */
    public Seen get(Caller caller, String ref, GrantLevel needed) {
        Connection c = s.access().require(caller, ref, needed);
        return seen(c, s.access().level(caller, c).orElseThrow());
    }

    /**
     * Creates a connection with its secrets; the creator gets {@code manage}. Its destinations must be on the
     * outbound allowlist; an API token needs the {@code manage} scope and no connection limit.
     */
    public Connection create(Caller caller, ConnectionSettings settings, Map<String, Secret> secrets) {
        Access.requireScope(caller, TokenScope.MANAGE, "creating a connection");
        if (caller.token() != null && !caller.token().connections().isEmpty()) {
            throw ApiProblem.forbidden("an API token limited to connections cannot create connections");
        }
        Destinations.check(settings, s.outbound().policy(), caller);
        Connection c = store.connections().create(settings, caller.name());
        secrets.forEach((name, value) -> store.secrets().put(c.id(), name, value, caller.name()));
        store.grants().put(c, caller.name(), GrantLevel.MANAGE, caller.name());
        return c;
    }

    /**
     * Edits a connection (manage); secrets given replace the stored ones, absent ones are kept. Credentials stay
     * where they were issued: changing the org URL, authority, tenant, endpoints, discovery URL, client id or auth
     * method drops the tokens (needs-authorization), and moving where secrets go needs them entered again (see
     * {@link dev.sluice.store.ConnectionStore#update}). The new destinations must be on the outbound allowlist.
     */
    public Connection update(Caller caller, String ref, ConnectionSettings settings, Map<String, Secret> secrets) {
        Connection c = s.access().require(caller, ref, GrantLevel.MANAGE);
        Destinations.check(settings, s.outbound().policy(), caller);
        Connection updated = store.connections().update(c.id(), settings, secrets, caller.name());
        s.clients().forget(c);
        return updated;
    }

    /** Deletes a connection with its secrets and tokens (manage). */
    public void delete(Caller caller, String ref) {
        Connection c = s.access().require(caller, ref, GrantLevel.MANAGE);
        store.connections().delete(c.id(), caller.name());
        s.clients().forget(c);
    }

    /** Starts a browser sign-in bound to the caller (manage); the URL goes to the identity provider only. */
    public URI beginAuthorization(Caller caller, String ref) {
        Connection c = s.access().require(caller, ref, GrantLevel.MANAGE);
        URI redirect = c.settings().auth().redirectUri();
        if (c.settings().auth().method() != AuthMethod.AUTHORIZATION_CODE) {
            throw ApiProblem.badRequest("connection '" + c.name() + "' uses " + c.settings().auth().method().wireName()
                    + ", not a browser sign-in");
        }
        if (redirect == null || !s.isOwnCallback(redirect)) {
            throw ApiProblem.badRequest("connection '" + c.name() + "' does not come back to this server after "
                    + "sign-in; edit it and set callback mode 'server' (redirect URI " + s.defaultRedirectUri() + ")");
        }
        return s.authorizer().begin(c, caller.name(), redirect);
    }

    /** Authorizes a client-secret or client-certificate connection now (manage). */
    public TokenStatus authorizeAsApp(Caller caller, String ref) {
        Connection c = s.access().require(caller, ref, GrantLevel.MANAGE);
        if (c.settings().auth().method() == AuthMethod.DEVICE_CODE) {
            throw ApiProblem.badRequest("connection '" + c.name() + "' uses device-code sign-in, which needs a "
                    + "terminal: run 'sluice auth login " + c.name() + "' on this machine");
        }
        TokenStatus status = s.authorizer().authorizeClientCredentials(c, caller.name());
        s.clients().forget(c);
        return status;
    }

    /** Stores a brought token for a static-token connection (manage). */
    public TokenStatus storeToken(Caller caller, String ref, Secret accessToken, Instant expiresAt, Secret refresh) {
        Connection c = s.access().require(caller, ref, GrantLevel.MANAGE);
        TokenStatus status = s.authorizer().storeToken(c, caller.name(), accessToken, expiresAt, refresh);
        s.clients().forget(c);
        return status;
    }

    /** Signs the connection out: deletes its tokens (manage). */
    public void signOut(Caller caller, String ref) {
        Connection c = s.access().require(caller, ref, GrantLevel.MANAGE);
        s.authorizer().signOut(c, caller.name());
        s.clients().forget(c);
    }

    /** Calls WhoAmI through the connection (read), audited. */
    public WhoAmI test(Caller caller, String ref) {
        Connection c = s.access().require(caller, ref, GrantLevel.READ);
        WhoAmI who = s.clients().client(c).whoAmI();
        store.audit().append(caller.name(), AuditAction.CONNECTION_TESTED, c.id(), c.name(), "WhoAmI succeeded");
        return who;
    }

    /**
     * For a {@code business-central} connection, its companies as the service lists them (read), audited; empty for a
     * Dataverse connection (test it with {@link #test}).
     */
    public java.util.Optional<List<dev.sluice.businesscentral.Company>> testBusinessCentral(Caller caller, String ref) {
        Connection c = s.access().require(caller, ref, GrantLevel.READ);
        if (!DataverseClients.isBusinessCentral(c)) {
            return java.util.Optional.empty();
        }
        List<dev.sluice.businesscentral.Company> companies = s.clients().businessCentral(c).companies();
        store.audit().append(caller.name(), AuditAction.CONNECTION_TESTED, c.id(), c.name(),
                "listing the Business Central companies succeeded");
        return java.util.Optional.of(companies);
    }

    /** The grants on a connection (manage). */
    public List<Grant> grants(Caller caller, String ref) {
        Connection c = s.access().require(caller, ref, GrantLevel.MANAGE);
        return store.grants().list(c.id());
    }

    /** The grants on a connection for anyone who may see it (view): the authorize page lists who else uses it. */
    public List<Grant> usersOf(Caller caller, String ref) {
        Connection c = s.access().require(caller, ref, GrantLevel.VIEW);
        return store.grants().list(c.id());
    }

    /** Gives {@code user} this level on the connection (manage). */
    public Grant grant(Caller caller, String ref, String user, GrantLevel level) {
        Connection c = s.access().require(caller, ref, GrantLevel.MANAGE);
        return store.grants().put(c, User.checkName(user), level, caller.name());
    }

    /** Takes {@code user}'s grant away (manage). */
    public void revoke(Caller caller, String ref, String user) {
        Connection c = s.access().require(caller, ref, GrantLevel.MANAGE);
        if (!store.grants().delete(c, user, caller.name())) {
            throw ApiProblem.notFound("user '" + user + "' has no grant on '" + c.name() + "'");
        }
    }

    /**
     * A page of the audit log: admins see everything, managers only their connection's events.
     *
     * @param connection a connection id or name, or null for all (admins only)
     */
    public AuditPage audit(Caller caller, String connection, AuditQuery query) {
        AuditQuery q = query;
        if (connection != null && !connection.isBlank()) {
            q = q.connection(s.access().require(caller, connection, GrantLevel.MANAGE).id());
        } else {
            Access.requireAdmin(caller);
        }
        return store.audit().list(q);
    }

    private Seen seen(Connection c, GrantLevel level) {
        List<String> secrets = level == GrantLevel.MANAGE ? store.secrets().list(c.id()) : List.of();
        return new Seen(c, store.tokens().status(c.id()), level, secrets);
    }
}
