package dev.sluice.store;

import dev.sluice.store.internal.Checks;
import java.util.Arrays;
import java.util.stream.Collectors;

/** How a connection obtains its access tokens. Immutable and thread-safe. */
public enum AuthMethod {
    /** Interactive: a person consents in a browser (authorization code with PKCE). */
    AUTHORIZATION_CODE("authorization-code"),
    /** A service account: client credentials with a client secret. */
    CLIENT_SECRET("client-secret"),
    /** A service account: client credentials with a certificate ({@code private_key_jwt}). */
    CLIENT_CERTIFICATE("client-certificate"),
    /** For machines without a browser: the device authorization grant. */
    DEVICE_CODE("device-code"),
    /** A token the person brings; used until it expires. */
    STATIC_TOKEN("static-token");

    private final String wireName;

    AuthMethod(String wireName) {
        this.wireName = wireName;
    }

    /** The name used in configuration, the database and the API, e.g. {@code client-secret}. */
    public String wireName() {
        return wireName;
    }

    /** The method with this wire name, or an INVALID_INPUT error listing the known ones. */
    public static AuthMethod fromWireName(String name) {
        for (AuthMethod method : values()) {
            if (method.wireName.equals(name)) {
                return method;
            }
        }
        throw Checks.invalid("unknown auth method '" + name + "'; known methods: "
                + Arrays.stream(values()).map(AuthMethod::wireName).collect(Collectors.joining(", ")));
    }
}
