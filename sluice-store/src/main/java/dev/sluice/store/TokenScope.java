package dev.sluice.store;

import dev.sluice.store.internal.Checks;
import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * What an API token may do, on top of (never beyond) its owner's role and grants. {@code read}, {@code write} and
 * {@code manage} cap the grant level the token acts with on a connection; {@code admin} lets an admin's token use the
 * admin role; {@code tokens} lets the token create API tokens (each with at most its own scopes, connections and
 * expiry). Immutable and thread-safe.
 */
public enum TokenScope {
    /** See connections and read rows (grant levels view and read). */
    READ("read"),
    /** Also create, update, upsert, delete and import rows (grant level write). */
    WRITE("write"),
    /** Also create, edit, authorize, sign out and delete connections, and give grants (grant level manage). */
    MANAGE("manage"),
    /** Act with the owner's admin role (users, the whole audit log, outbound hosts, metrics). */
    ADMIN("admin"),
    /** Create API tokens, list them and revoke them. */
    TOKENS("tokens");

    private final String wireName;

    TokenScope(String wireName) {
        this.wireName = wireName;
    }

    /** The name stored and shown, e.g. {@code read}. */
    public String wireName() {
        return wireName;
    }

    /** The scope with this wire name, or an INVALID_INPUT error listing them. */
    public static TokenScope fromWireName(String name) {
        String n = name == null ? "" : name.strip().toLowerCase(Locale.ROOT);
        for (TokenScope scope : values()) {
            if (scope.wireName.equals(n)) {
                return scope;
            }
        }
        throw Checks.invalid("unknown token scope '" + (name == null ? "" : name.replaceAll("\\p{Cntrl}", "?"))
                + "'; use read, write, manage, admin or tokens");
    }

    /** The highest grant level these scopes allow on a connection, or null when they allow none. */
    public static GrantLevel cap(Set<TokenScope> scopes) {
        if (scopes.contains(MANAGE)) {
            return GrantLevel.MANAGE;
        }
        if (scopes.contains(WRITE)) {
            return GrantLevel.WRITE;
        }
        return scopes.contains(READ) ? GrantLevel.READ : null;
    }

    /** Space-separated wire names, in declaration order (how they are stored). */
    public static String join(Set<TokenScope> scopes) {
        StringBuilder b = new StringBuilder();
        for (TokenScope s : values()) {
            if (scopes.contains(s)) {
                b.append(b.isEmpty() ? "" : " ").append(s.wireName);
            }
        }
        return b.toString();
    }

    /** Parses space- or comma-separated wire names. */
    public static Set<TokenScope> parse(String text) {
        Set<TokenScope> out = EnumSet.noneOf(TokenScope.class);
        if (text != null) {
            for (String part : text.split("[\\s,]+")) {
                if (!part.isBlank()) {
                    out.add(fromWireName(part));
                }
            }
        }
        return out;
    }
}
