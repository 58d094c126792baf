package dev.sluice.store;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.HttpProxy;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import java.util.Locale;

/**
 * A connection's own HTTP proxy, used for every request of that connection (its Dataverse or Business Central API,
 * its identity provider, its OIDC discovery) instead of the process's proxy: an {@code http://host:port} address
 * with an optional user, or {@link #DIRECT} for none. The password is a connection secret, bound to the address.
 * Only an admin (or the CLI user who owns the store) sets it. Immutable and thread-safe.
 *
 * @param address {@code http://host:port}, or {@code direct}
 * @param user the proxy user, or null
 */
public record ConnectionProxy(String address, String user) {
    /** The connection goes direct, whatever proxy the process has. */
    public static final ConnectionProxy DIRECT = new ConnectionProxy("direct", null);
    /** The secret that holds the proxy password. */
    public static final String PASSWORD_SECRET = "proxy-password";

    public ConnectionProxy {
        if (address == null || address.isBlank()) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "a connection proxy needs an address "
                    + "(http://host:port) or 'direct'");
        }
        address = address.strip();
        user = user == null || user.isBlank() ? null : user.strip();
        if (address.toLowerCase(Locale.ROOT).equals("direct") || address.toLowerCase(Locale.ROOT).equals("none")) {
            if (user != null) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "a direct connection has no proxy user");
            }
            address = "direct";
        } else {
            HttpProxy p = HttpProxy.parse(address, "proxy");
            if (p.user() != null) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "proxy: give the user and password separately, "
                        + "not in the address (the address is stored and shown; the password only encrypted)");
            }
            if (user != null && (user.length() > 256 || user.chars().anyMatch(c -> c < ' ' || c == ':'))) {
                throw new SluiceException(ErrorKind.INVALID_INPUT, "proxy user must be at most 256 characters, "
                        + "without ':' or control characters");
            }
            address = p.address();
        }
    }

    /** A proxy at this address, with an optional user. */
    public static ConnectionProxy of(String address, String user) {
        return new ConnectionProxy(address, user);
    }

    /** Whether the connection goes direct. */
    public boolean isDirect() {
        return address.equals("direct");
    }

    /** The proxy with this password (null: none), or null when direct. */
    public HttpProxy toHttpProxy(Secret password) {
        if (isDirect()) {
            return null;
        }
        return HttpProxy.parse(address, "proxy").withCredentials(user, user == null ? null : password);
    }

    /** What the stored password is bound to: it is only ever sent to this proxy. */
    String binding() {
        return "proxy " + address;
    }
}
