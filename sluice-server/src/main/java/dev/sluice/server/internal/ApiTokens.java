package dev.sluice.server.internal;

import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.store.ApiToken;
import dev.sluice.store.Connection;
import dev.sluice.store.NewApiToken;
import dev.sluice.store.SluiceStore;
import dev.sluice.store.TokenScope;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * API tokens for the REST API and the tokens page alike: who may create which token (never more than the creator:
 * a token creates tokens only with the {@code tokens} scope, and only with its own scopes, connections and expiry at
 * most), list and revoke them. Stateless and thread-safe.
 */
public final class ApiTokens {
    /** Prefix of API tokens, so they are recognisable in secret scanners. */
    public static final String PREFIX = "slu_";
    /** A token lives 90 days unless its creator says otherwise. */
    public static final Duration DEFAULT_LIFETIME = Duration.ofDays(90);
    /** And at most a year (and a day, for a leap year). */
    public static final Duration MAX_LIFETIME = Duration.ofDays(366);
    /** What a token may do when its creator names no scopes: data access, nothing more. */
    public static final Set<TokenScope> DEFAULT_SCOPES = EnumSet.of(TokenScope.READ, TokenScope.WRITE);

    private final SluiceStore store;
    private final Clock clock;
    private final Access access;

    public ApiTokens(SluiceStore store, Clock clock, Access access) {
        this.store = store;
        this.clock = clock;
        this.access = access;
    }

    /**
     * A created token and its value (shown once). Immutable.
     *
     * @param token its metadata
     * @param value the token itself
     */
    public record Created(ApiToken token, Secret value) {
        @Override
        public String toString() {
            return "Created[" + token + ", value=***]";
        }
    }

    /**
     * Creates a token of the caller.
     *
     * @param scopesText space- or comma-separated scopes; null or blank for {@link #DEFAULT_SCOPES}
     * @param connectionRefs names or ids of connections to limit it to; null or empty for all
     * @param expiresAt an ISO-8601 instant, or null
     * @param expiresInDays days from now, or null (both null: {@link #DEFAULT_LIFETIME})
     */
    public Created create(Caller caller, String name, String scopesText, List<String> connectionRefs,
            String expiresAt, Integer expiresInDays) {
        ApiToken parent = caller.token();
        Access.requireScope(caller, TokenScope.TOKENS, "creating API tokens");
        Set<TokenScope> scopes;
        try {
            scopes = scopesText == null || scopesText.isBlank() ? DEFAULT_SCOPES : TokenScope.parse(scopesText);
        } catch (SluiceException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        if (scopes.isEmpty()) {
            throw ApiProblem.badRequest("give at least one scope: read, write, manage, admin or tokens");
        }
        if (scopes.contains(TokenScope.ADMIN) && !caller.isAdmin()) {
            throw ApiProblem.forbidden("only an admin may give a token the 'admin' scope");
        }
        if (parent != null && !parent.scopes().containsAll(scopes)) {
            throw ApiProblem.forbidden("a token can only create tokens with some of its own scopes ("
                    + TokenScope.join(parent.scopes()) + "), not " + TokenScope.join(scopes));
        }
        Set<UUID> connections = connections(caller, connectionRefs);
        if (parent != null && !parent.connections().isEmpty()) {
            if (connections.isEmpty()) {
                connections = parent.connections();
            } else if (!parent.connections().containsAll(connections)) {
                throw ApiProblem.forbidden("a token limited to connections can only create tokens limited to some "
                        + "of them");
            }
        }
        Instant expiry = expiry(expiresAt, expiresInDays, parent);
        Secret value = Secret.of(PREFIX + Passwords.randomToken());
        ApiToken t = store.apiTokens().create(new NewApiToken(caller.name(), name, scopes, connections, expiry,
                parent == null ? null : parent.id()), value, caller.name());
        return new Created(t, value);
    }

    /** The caller's tokens; an admin's session (or admin-scoped token) sees everyone's. */
    public List<ApiToken> list(Caller caller) {
        return store.apiTokens().list(caller.isAdmin() ? null : caller.name());
    }

    /**
     * Revokes a token and what it created. A person revokes their own (an admin any); a token revokes itself and
     * the tokens it created, with the {@code tokens} scope.
     */
    public List<UUID> revoke(Caller caller, UUID id) {
        Access.requireScope(caller, TokenScope.TOKENS, "revoking API tokens");
        ApiToken t = store.apiTokens().get(id).filter(x -> caller.isAdmin() || x.user().equals(caller.name()))
                .filter(x -> caller.token() == null || descends(x, caller.token().id()))
                .orElseThrow(() -> ApiProblem.notFound("you have no API token " + id));
        try {
            return store.apiTokens().revoke(t.id(), caller.name());
        } catch (SluiceException e) {
            throw ApiProblem.notFound("API token " + id + " is already revoked");
        }
    }

    /** The names of the connections a token is limited to (ids of deleted ones), sorted. */
    public List<String> connectionNames(ApiToken t) {
        return t.connections().stream().map(id -> store.connections().get(id).map(Connection::name)
                .orElse(id.toString())).sorted().toList();
    }

    private boolean descends(ApiToken t, UUID ancestor) {
        Optional<ApiToken> at = Optional.of(t);
        for (int depth = 0; depth < 64 && at.isPresent(); depth++) {
            if (at.get().id().equals(ancestor)) {
                return true;
            }
            UUID up = at.get().parentId();
            at = up == null ? Optional.empty() : store.apiTokens().get(up);
        }
        return false;
    }

    private Set<UUID> connections(Caller caller, List<String> refs) {
        Set<UUID> out = new LinkedHashSet<>();
        if (refs == null) {
            return out;
        }
        for (String ref : refs) {
            if (ref == null || ref.isBlank()) {
                continue;
            }
            out.add(access.require(caller, ref.strip(), dev.sluice.store.GrantLevel.VIEW).id());
        }
        return out;
    }

    private Instant expiry(String expiresAt, Integer days, ApiToken parent) {
        Instant now = clock.instant();
        Instant latest = now.plus(MAX_LIFETIME);
        Instant expiry;
        if (expiresAt != null && !expiresAt.isBlank()) {
            try {
                expiry = Instant.parse(expiresAt.strip());
            } catch (DateTimeParseException e) {
                throw ApiProblem.badRequest("expiresAt must be an ISO-8601 instant such as 2030-01-01T00:00:00Z");
            }
        } else if (days != null) {
            if (days < 1 || days > MAX_LIFETIME.toDays()) {
                throw ApiProblem.badRequest("expiresInDays must be 1.." + MAX_LIFETIME.toDays());
            }
            expiry = now.plus(Duration.ofDays(days));
        } else {
            expiry = now.plus(DEFAULT_LIFETIME);
            if (parent != null && parent.expiresAt() != null && parent.expiresAt().isBefore(expiry)) {
                expiry = parent.expiresAt();
            }
        }
        if (!expiry.isAfter(now)) {
            throw ApiProblem.badRequest("the token's expiry must be in the future");
        }
        if (expiry.isAfter(latest)) {
            throw ApiProblem.badRequest("a token lives at most " + MAX_LIFETIME.toDays() + " days");
        }
        if (parent != null && parent.expiresAt() != null && expiry.isAfter(parent.expiresAt())) {
            throw ApiProblem.forbidden("a token can only create tokens that expire no later than itself ("
                    + parent.expiresAt() + ")");
        }
        return expiry;
    }
}
