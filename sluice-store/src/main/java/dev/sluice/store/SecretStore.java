package dev.sluice.store;

import dev.sluice.core.Secret;
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

    /** Stores (or replaces) a secret. NOT_FOUND when the connection does not exist. */
    public void put(UUID connectionId, String name, Secret value, String actor) {
        checkName(name);
        AuditEvent.checkActor(actor);
        Checks.required(value, "secret value");
        if (value.reveal().length() > MAX_BYTES) {
            throw Checks.invalid("secret '" + name + "' is longer than " + MAX_BYTES + " characters");
        }
        Sealed sealed = cipher.seal(connectionId, slot(name), value.reveal());
        db.useTransaction("storing secret '" + name + "' of connection " + connectionId, h -> {
            Connection connection = ConnectionStore.lock(h, connectionId);
            int updated = h.createUpdate("UPDATE connection_secrets SET key_id = :key, ciphertext = :ct, updated_at = :now "
                            + "WHERE connection_id = :cid AND name = :name")
                    .bind("key", sealed.keyId()).bind("ct", sealed.ciphertext()).bind("now", Times.bind(clock.instant()))
                    .bind("cid", connectionId).bind("name", name).execute();
            if (updated == 0) {
                h.createUpdate("INSERT INTO connection_secrets (connection_id, name, key_id, ciphertext, updated_at) "
                                + "VALUES (:cid, :name, :key, :ct, :now)")
                        .bind("key", sealed.keyId()).bind("ct", sealed.ciphertext()).bind("now", Times.bind(clock.instant()))
                        .bind("cid", connectionId).bind("name", name).execute();
            }
            audit.append(h, actor, AuditAction.CONNECTION_CHANGED, connectionId, connection.name(),
                    (updated == 0 ? "stored" : "replaced") + " secret '" + name + "'");
        });
        LOG.info("secret stored connectionId={} secret={} actor={}", connectionId, name, actor);
    }

    /** The secret, decrypted; empty when there is none by that name. */
    public Optional<Secret> get(UUID connectionId, String name) {
        checkName(name);
        Optional<byte[]> ciphertext = db.withHandle("reading secret '" + name + "' of connection " + connectionId,
                h -> h.createQuery("SELECT ciphertext FROM connection_secrets WHERE connection_id = :cid AND name = :name")
                        .bind("cid", connectionId).bind("name", name).mapTo(byte[].class).findOne());
        return ciphertext.map(ct -> Secret.of(cipher.openString(connectionId, slot(name), ct)));
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
