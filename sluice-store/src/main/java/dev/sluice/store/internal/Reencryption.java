package dev.sluice.store.internal;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * Re-encrypts every stored ciphertext that is not under the primary key, table by table, in batches, each batch
 * in its own transaction with its rows locked. Rows written under old keys keep decrypting until their batch
 * is done. Thread-safe (state is per call).
 */
public final class Reencryption {
    /** Rows per transaction: short transactions, few round trips. */
    public static final int BATCH = 100;

    private final Database db;
    private final FieldCipher cipher;

    public Reencryption(Database db, FieldCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    /** Re-encrypts everything not under the primary key; returns the number of rows rewritten. */
    public int run() {
        int total = 0;
        int primary = cipher.primaryKeyId();
        for (int n; (n = db.inTransaction("re-encrypting secrets", h -> secrets(h, primary))) > 0; ) {
            total += n;
        }
        for (int n; (n = db.inTransaction("re-encrypting tokens", h -> tokens(h, primary))) > 0; ) {
            total += n;
        }
        for (int n; (n = db.inTransaction("re-encrypting pending authorizations", h -> sessions(h, primary))) > 0; ) {
            total += n;
        }
        for (int n; (n = db.inTransaction("re-encrypting dead letters", h -> deadLetters(h, primary))) > 0; ) {
            total += n;
        }
        for (int n; (n = db.inTransaction("re-encrypting flow keys", h -> flowKeys(h, primary))) > 0; ) {
            total += n;
        }
        for (int n; (n = db.inTransaction("re-encrypting flow source keys", h -> sourceKeys(h, primary))) > 0; ) {
            total += n;
        }
        for (int n; (n = db.inTransaction("re-encrypting flow hash keys", h -> hashKeys(h, primary))) > 0; ) {
            total += n;
        }
        return total;
    }

    /** How many rows each key id encrypts, over every table. */
    public Map<Integer, Integer> rowsPerKey() {
        return db.withHandle("counting rows per key", h -> {
            Map<Integer, Integer> counts = new HashMap<>();
            for (String table : List.of("connection_secrets", "connection_tokens", "auth_sessions",
                    "flow_dead_letters", "flow_keys", "flow_source_keys", "flow_hash_keys")) {
                h.createQuery("SELECT key_id, COUNT(*) AS n FROM " + table + " WHERE key_id IS NOT NULL GROUP BY key_id")
                        .map((rs, ctx) -> Map.entry(rs.getInt("key_id"), rs.getInt("n")))
                        .forEach(e -> counts.merge(e.getKey(), e.getValue(), Integer::sum));
            }
            return counts;
        });
    }

    private int secrets(Handle h, int primary) {
        var rows = h.createQuery("SELECT connection_id, name, ciphertext FROM connection_secrets WHERE key_id <> :primary "
                        + "ORDER BY connection_id, name FETCH FIRST " + BATCH + " ROWS ONLY FOR UPDATE")
                .bind("primary", primary)
                .map((rs, ctx) -> new Object[] {rs.getObject("connection_id", UUID.class), rs.getString("name"), rs.getBytes("ciphertext")})
                .list();
        for (Object[] row : rows) {
            UUID cid = (UUID) row[0];
            String slot = "secret/" + row[1];
            Sealed sealed = cipher.seal(cid, slot, cipher.open(cid, slot, (byte[]) row[2]));
            h.createUpdate("UPDATE connection_secrets SET key_id = :key, ciphertext = :ct WHERE connection_id = :cid AND name = :name")
                    .bind("key", sealed.keyId()).bind("ct", sealed.ciphertext()).bind("cid", cid).bind("name", (String) row[1])
                    .execute();
        }
        return rows.size();
    }

    private int tokens(Handle h, int primary) {
        var rows = h.createQuery("SELECT connection_id, access_token, refresh_token FROM connection_tokens "
                        + "WHERE key_id IS NOT NULL AND key_id <> :primary ORDER BY connection_id FETCH FIRST " + BATCH
                        + " ROWS ONLY FOR UPDATE")
                .bind("primary", primary)
                .map((rs, ctx) -> new Object[] {rs.getObject("connection_id", UUID.class), rs.getBytes("access_token"), rs.getBytes("refresh_token")})
                .list();
        for (Object[] row : rows) {
            UUID cid = (UUID) row[0];
            byte[] access = reseal(cid, "token/access", (byte[]) row[1]);
            byte[] refresh = reseal(cid, "token/refresh", (byte[]) row[2]);
            h.createUpdate("UPDATE connection_tokens SET key_id = :key, access_token = :access, refresh_token = :refresh "
                            + "WHERE connection_id = :cid")
                    .bind("key", primary).bind("access", access).bind("refresh", refresh).bind("cid", cid).execute();
        }
        return rows.size();
    }

    private int sessions(Handle h, int primary) {
        var rows = h.createQuery("SELECT state_hash, connection_id, pkce_verifier FROM auth_sessions WHERE key_id <> :primary "
                        + "ORDER BY state_hash FETCH FIRST " + BATCH + " ROWS ONLY FOR UPDATE")
                .bind("primary", primary)
                .map((rs, ctx) -> new Object[] {rs.getString("state_hash"), rs.getObject("connection_id", UUID.class), rs.getBytes("pkce_verifier")})
                .list();
        for (Object[] row : rows) {
            byte[] verifier = reseal((UUID) row[1], "auth-session/pkce-verifier", (byte[]) row[2]);
            h.createUpdate("UPDATE auth_sessions SET key_id = :key, pkce_verifier = :verifier WHERE state_hash = :hash")
                    .bind("key", primary).bind("verifier", verifier).bind("hash", (String) row[0]).execute();
        }
        return rows.size();
    }

    private int deadLetters(Handle h, int primary) {
        var rows = h.createQuery("SELECT id, flow, ciphertext FROM flow_dead_letters WHERE key_id IS NOT NULL AND "
                        + "key_id <> :primary ORDER BY id FETCH FIRST " + BATCH + " ROWS ONLY FOR UPDATE")
                .bind("primary", primary)
                .map((rs, ctx) -> new Object[] {rs.getObject("id", UUID.class), rs.getString("flow"), rs.getBytes("ciphertext")})
                .list();
        for (Object[] row : rows) {
            String owner = "flow:" + row[1];
            Sealed sealed = cipher.sealFor(owner, "dead-letter", cipher.openFor(owner, "dead-letter", (byte[]) row[2]));
            h.createUpdate("UPDATE flow_dead_letters SET key_id = :key, ciphertext = :ct WHERE id = :id")
                    .bind("key", sealed.keyId()).bind("ct", sealed.ciphertext()).bind("id", (UUID) row[0]).execute();
        }
        return rows.size();
    }

    private int flowKeys(Handle h, int primary) {
        var rows = h.createQuery("SELECT flow, generation, seq, ciphertext FROM flow_keys WHERE key_id <> :primary "
                        + "ORDER BY flow, generation, seq FETCH FIRST " + BATCH + " ROWS ONLY FOR UPDATE")
                .bind("primary", primary)
                .map((rs, ctx) -> new Object[] {rs.getString("flow"), rs.getObject("generation", UUID.class),
                        rs.getLong("seq"), rs.getBytes("ciphertext")})
                .list();
        for (Object[] row : rows) {
            String owner = "flow:" + row[0];
            Sealed sealed = cipher.sealFor(owner, "flow-keys", cipher.openFor(owner, "flow-keys", (byte[]) row[3]));
            h.createUpdate("UPDATE flow_keys SET key_id = :key, ciphertext = :ct WHERE flow = :flow AND generation = :g "
                    + "AND seq = :seq").bind("key", sealed.keyId()).bind("ct", sealed.ciphertext())
                    .bind("flow", (String) row[0]).bind("g", (UUID) row[1]).bind("seq", (long) row[2]).execute();
        }
        return rows.size();
    }

    private int sourceKeys(Handle h, int primary) {
        var rows = h.createQuery("SELECT flow, source_hash, ciphertext FROM flow_source_keys WHERE key_id <> :primary "
                        + "ORDER BY flow, source_hash FETCH FIRST " + BATCH + " ROWS ONLY FOR UPDATE")
                .bind("primary", primary)
                .map((rs, ctx) -> new Object[] {rs.getString("flow"), rs.getLong("source_hash"), rs.getBytes("ciphertext")})
                .list();
        for (Object[] row : rows) {
            String owner = "flow:" + row[0];
            Sealed sealed = cipher.sealFor(owner, SourceKeyRows.SLOT, cipher.openFor(owner, SourceKeyRows.SLOT,
                    (byte[]) row[2]));
            h.createUpdate("UPDATE flow_source_keys SET key_id = :key, ciphertext = :ct WHERE flow = :flow AND "
                    + "source_hash = :s").bind("key", sealed.keyId()).bind("ct", sealed.ciphertext())
                    .bind("flow", (String) row[0]).bind("s", (long) row[1]).execute();
        }
        return rows.size();
    }

    private int hashKeys(Handle h, int primary) {
        var rows = h.createQuery("SELECT flow, ciphertext FROM flow_hash_keys WHERE key_id <> :primary ORDER BY flow "
                        + "FETCH FIRST " + BATCH + " ROWS ONLY FOR UPDATE")
                .bind("primary", primary)
                .map((rs, ctx) -> new Object[] {rs.getString("flow"), rs.getBytes("ciphertext")})
                .list();
        for (Object[] row : rows) {
            String owner = "flow:" + row[0];
            Sealed sealed = cipher.sealFor(owner, SourceKeyRows.HASH_KEY_SLOT, cipher.openFor(owner,
                    SourceKeyRows.HASH_KEY_SLOT, (byte[]) row[1]));
            h.createUpdate("UPDATE flow_hash_keys SET key_id = :key, ciphertext = :ct WHERE flow = :flow")
                    .bind("key", sealed.keyId()).bind("ct", sealed.ciphertext()).bind("flow", (String) row[0])
                    .execute();
        }
        return rows.size();
    }

    private byte[] reseal(UUID cid, String slot, byte[] ciphertext) {
        return ciphertext == null ? null : cipher.seal(cid, slot, cipher.open(cid, slot, ciphertext)).ciphertext();
    }
}
