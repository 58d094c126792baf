package dev.sluice.store;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.store.internal.Checks;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.FieldCipher;
import dev.sluice.store.internal.Sealed;
import dev.sluice.store.internal.Times;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Named secrets of a connection (client secret, certificate private key, a token the person brought), stored
 * only encrypted with the connection id as associated data. Values come back as {@link Secret}. Setting or
 * deleting a secret is audited as a connection change, naming the secret, never its value. Thread-safe.
 */
public final class SecretStore {
    /** The client secret of a confidential client. */
    public static final String CLIENT_SECRET = "client-secret";
    /** The PEM private key of a client certificate. */
    public static final String CERTIFICATE_PRIVATE_KEY = "certificate-private-key";
    /** The PEM certificate (chain) that goes with the private key. */
    public static final String CERTIFICATE = "certificate";
    /** An access token the person brought (auth method static-token). */
    public static final String STATIC_ACCESS_TOKEN = "static-access-token";
    /** A refresh token the person brought with the static token. */
    public static final String STATIC_REFRESH_TOKEN = "static-refresh-token";

    private static final Logger LOG = LoggerFactory.getLogger(SecretStore.class);
    /** Same rule as connection names. */
    private static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9._-]{0,62}$");
    /** Largest secret kept: a 4096-bit RSA key in PEM is about 3.3 KB; 64 KB leaves room for chains. */
    private static final int MAX_BYTES = 64 * 1024;

    private final Database db;
    private final FieldCipher cipher;
    private final Clock clock;
    private final AuditStore audit;

    SecretStore(Database db, FieldCipher cipher, Clock clock, AuditStore audit) {
        this.db = db;
        this.cipher = cipher;
        this.clock = clock;
        this.audit = audit;
    }

    /**
     * The secrets sent to the identity provider: each is bound to the connection's
     * {@link ConnectionSettings#secretDestination()} when stored and never goes anywhere else.
     */
    public static final List<String> IDENTITY_PROVIDER_SECRETS = List.of(CLIENT_SECRET, CERTIFICATE_PRIVATE_KEY);

    /**
     * Stores (or replaces) a secret, bound to where the connection sends secrets now. NOT_FOUND when the connection
     * does not exist.
     */
    public void put(UUID connectionId, String name, Secret value, String actor) {
        checkName(name);
        AuditEvent.checkActor(actor);
        Checks.required(value, "secret value");
        db.useTransaction("storing secret '" + name + "' of connection " + connectionId, h -> {
            Connection connection = ConnectionStore.lock(h, connectionId);
            write(h, connection, name, value, actor);
        });
        LOG.info("secret stored connectionId={} secret={} actor={}", connectionId, name, actor);
    }

    /** Stores a secret inside the caller's transaction, which holds the connection's row lock. */
    void write(Handle h, Connection connection, String name, Secret value, String actor) {
        write(h, connection, name, value, connection.settings().secretDestination(), actor);
    }

    /** Stores a secret bound to {@code bound} (where it may be sent) inside the caller's transaction. */
    void write(Handle h, Connection connection, String name, Secret value, String bound, String actor) {
        checkName(name);
        if (value.reveal().length() > MAX_BYTES) {
            throw Checks.invalid("secret '" + name + "' is longer than " + MAX_BYTES + " characters");
        }
        UUID connectionId = connection.id();
        Sealed sealed = cipher.seal(connectionId, slot(name), value.reveal());
        int updated = h.createUpdate("UPDATE connection_secrets SET key_id = :key, ciphertext = :ct, updated_at = :now, "
                        + "bound_to = :bound WHERE connection_id = :cid AND name = :name")
                .bind("key", sealed.keyId()).bind("ct", sealed.ciphertext()).bind("now", Times.bind(clock.instant()))
                .bind("bound", bound).bind("cid", connectionId).bind("name", name).execute();
        if (updated == 0) {
            h.createUpdate("INSERT INTO connection_secrets (connection_id, name, key_id, ciphertext, updated_at, bound_to) "
                            + "VALUES (:cid, :name, :key, :ct, :now, :bound)")
                    .bind("key", sealed.keyId()).bind("ct", sealed.ciphertext()).bind("now", Times.bind(clock.instant()))
                    .bind("bound", bound).bind("cid", connectionId).bind("name", name).execute();
        }
        audit.append(h, actor, AuditAction.CONNECTION_CHANGED, connectionId, connection.name(),
                (updated == 0 ? "stored" : "replaced") + " secret '" + name + "'"
                        + (IDENTITY_PROVIDER_SECRETS.contains(name) ? " for " + safeDestination(bound) : ""));
    }

    /** The secret, decrypted; empty when there is none by that name. */
    public Optional<Secret> get(UUID connectionId, String name) {
        checkName(name);
        Optional<byte[]> ciphertext = db.withHandle("reading secret '" + name + "' of connection " + connectionId,
                h -> h.createQuery("SELECT ciphertext FROM connection_secrets WHERE connection_id = :cid AND name = :name")
                        .bind("cid", connectionId).bind("name", name).mapTo(byte[].class).findOne());
        return ciphertext.map(ct -> Secret.of(cipher.openString(connectionId, slot(name), ct)));
    }

    /**
     * The secret for sending to the connection's identity provider as its settings are now; empty when there is none.
     * A secret stored for another destination (its token endpoint changed since) is refused with AUTH and never
     * decrypted: it must be entered again.
     */
    public Optional<Secret> getFor(Connection connection, String name) {
        UUID connectionId = connection.id();
        Optional<BoundRow> row = boundRow(connectionId, name);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        String now = connection.settings().secretDestination();
        if (row.get().bound() != null && !row.get().bound().equals(now)) {
            throw new SluiceException(ErrorKind.AUTH, "the stored " + name.replace('-', ' ') + " of connection '"
                    + connection.name() + "' was entered for " + safeDestination(row.get().bound())
                    + "; it is never sent anywhere else, and the connection now signs in at " + safeDestination(now)
                    + ": edit the connection and enter the " + name.replace('-', ' ') + " again");
        }
        return Optional.of(Secret.of(cipher.openString(connectionId, slot(name), row.get().ciphertext())));
    }

    /**
     * The secret if it is bound to exactly {@code bound}; empty when there is none. One bound elsewhere is refused
     * with AUTH and never decrypted.
     */
    Optional<Secret> getBound(Connection connection, String name, String bound, String what) {
        UUID connectionId = connection.id();
        Optional<BoundRow> row = boundRow(connectionId, name);
        if (row.isEmpty()) {
            return Optional.empty();
        }
        if (!bound.equals(row.get().bound())) {
            throw new SluiceException(ErrorKind.AUTH, "the stored " + what + " of connection '" + connection.name()
                    + "' was not entered for " + Checks.safe(bound) + "; it is never sent anywhere else: enter it again");
        }
        return Optional.of(Secret.of(cipher.openString(connectionId, slot(name), row.get().ciphertext())));
    }

    /** A stored secret still sealed, with the destination it was entered for (null: not bound). */
    private record BoundRow(byte[] ciphertext, String bound) {}

    private Optional<BoundRow> boundRow(UUID connectionId, String name) {
        checkName(name);
        return db.withHandle("reading secret '" + name + "' of connection " + connectionId,
                h -> h.createQuery("SELECT ciphertext, bound_to FROM connection_secrets WHERE connection_id = :cid "
                                + "AND name = :name").bind("cid", connectionId).bind("name", name)
                        .map((rs, ctx) -> new BoundRow(rs.getBytes("ciphertext"), rs.getString("bound_to"))).findOne());
    }

    /** A secret destination shown in messages: URLs without query strings. */
    static String safeDestination(String destination) {
        if (destination == null) {
            return "its earlier identity provider";
        }
        String d = destination.startsWith("discovery ") ? destination.substring("discovery ".length()) : destination;
        return Checks.safe(d);
    }

    /** The names of the connection's secrets, sorted; never their values. */
    public List<String> list(UUID connectionId) {
        return db.withHandle("listing secrets of connection " + connectionId,
                h -> h.createQuery("SELECT name FROM connection_secrets WHERE connection_id = :cid ORDER BY name")
                        .bind("cid", connectionId).mapTo(String.class).list());
    }

    /** Deletes a secret; returns whether there was one. */
    public boolean delete(UUID connectionId, String name, String actor) {
        checkName(name);
        AuditEvent.checkActor(actor);
        return db.inTransaction("deleting secret '" + name + "' of connection " + connectionId, h -> {
            Connection connection = ConnectionStore.lock(h, connectionId);
            int deleted = h.createUpdate("DELETE FROM connection_secrets WHERE connection_id = :cid AND name = :name")
                    .bind("cid", connectionId).bind("name", name).execute();
            if (deleted > 0) {
                audit.append(h, actor, AuditAction.CONNECTION_CHANGED, connectionId, connection.name(),
                        "deleted secret '" + name + "'");
            }
            return deleted > 0;
        });
    }

    /** The associated-data slot of a named secret. */
    static String slot(String name) {
        return "secret/" + name;
    }

    private static void checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw Checks.invalid("secret name '" + name + "' is not valid: use 1-63 lower-case letters, digits, '.', '_' "
                    + "or '-' (e.g. " + CLIENT_SECRET + ")");
        }
    }
}
