package dev.sluice.store.internal;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.store.FlowStore.SourceKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The rows of {@code flow_source_keys}: for each source row a change-tracking flow wrote, its source id, the target
 * key it was written under and a digest of what was written, sealed (Tink AEAD, {@code flow:NAME|source-keys}), found by keyed hashes of the
 * id and of the key (HMAC-SHA-256 with the flow's own random key, itself sealed in {@code flow_hash_keys}), so the
 * hashes say nothing about the values to whoever reads the database without the keyset. Two ids whose 64-bit hashes
 * collide (about n²/2⁶⁵ for n rows: 3·10⁻⁸ for a million) share a row: the later one is remembered, the earlier one
 * is then not found (its deletion is ignored). Thread-safe.
 */
public final class SourceKeyRows {
    public static final String SLOT = "source-keys";
    public static final String HASH_KEY_SLOT = "hash-key";
    /** Hashes bound per statement: well below PostgreSQL's 32,767 parameters and short enough for H2's planner. */
    private static final int IN_BATCH = 500;
    /** HMAC-SHA-256 key length (RFC 2104 §3: at least the hash's output length). */
    private static final int HASH_KEY_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database db;
    private final FieldCipher cipher;
    private final Map<String, byte[]> hashKeys = new ConcurrentHashMap<>();

    public SourceKeyRows(Database db, FieldCipher cipher) {
        this.db = db;
        this.cipher = cipher;
    }

    private static String owner(String flow) {
        return "flow:" + flow;
    }

    /** What each of {@code ids} that the flow remembers was written as. */
    public Map<String, SourceKey> get(String flow, Collection<String> ids) {
        Map<String, SourceKey> out = new HashMap<>();
        if (ids.isEmpty()) {
            return out;
        }
        Hasher hasher = hasher(flow);
        List<Long> hashes = ids.stream().map(hasher::hash).distinct().toList();
        Set<String> wanted = new HashSet<>(ids);
        for (List<Long> part : parts(hashes)) {
            List<byte[]> rows = db.withHandle("reading a flow's source keys", h -> h.createQuery("SELECT ciphertext "
                    + "FROM flow_source_keys WHERE flow = :flow AND source_hash IN (<h>)").bind("flow", flow)
                    .bindList("h", part).mapTo(byte[].class).list());
            for (byte[] ct : rows) {
                String[] entry = open(flow, ct);
                if (wanted.contains(entry[0])) {
                    out.put(entry[0], new SourceKey(entry[1], entry[2]));
                }
            }
        }
        return out;
    }

    /** Which of {@code keys} some source id other than {@code except} is still remembered under. */
    public Set<String> inUse(String flow, Collection<String> keys, Collection<String> except) {
        Set<String> out = new HashSet<>();
        if (keys.isEmpty()) {
            return out;
        }
        Hasher hasher = hasher(flow);
        List<Long> hashes = keys.stream().map(hasher::hash).distinct().toList();
        Set<String> wanted = new HashSet<>(keys);
        Set<String> skip = new HashSet<>(except);
        for (List<Long> part : parts(hashes)) {
            List<byte[]> rows = db.withHandle("reading a flow's source keys", h -> h.createQuery("SELECT ciphertext "
                    + "FROM flow_source_keys WHERE flow = :flow AND key_hash IN (<h>)").bind("flow", flow)
                    .bindList("h", part).mapTo(byte[].class).list());
            for (byte[] ct : rows) {
                String[] entry = open(flow, ct);
                if (wanted.contains(entry[1]) && !skip.contains(entry[0])) {
                    out.add(entry[1]);
                }
            }
        }
        return out;
    }

    /** What {@link #save} writes, sealed and hashed ahead of the transaction. */
    public record Prepared(String flow, List<Long> forget, List<Object[]> rows) {}

    /** Seals and hashes the changes: ids to remember and ids to forget. */
    public Prepared prepare(String flow, Map<String, SourceKey> remember, Collection<String> forget) {
        Hasher hasher = hasher(flow);
        List<Long> gone = new ArrayList<>();
        forget.forEach(id -> gone.add(hasher.hash(id)));
        List<Object[]> rows = new ArrayList<>(remember.size());
        remember.forEach((id, k) -> {
            String plain = id.length() + ":" + id + k.key().length() + ":" + k.key() + k.digest();
            Sealed s = cipher.sealFor(owner(flow), SLOT, plain.getBytes(StandardCharsets.UTF_8));
            rows.add(new Object[] {hasher.hash(id), hasher.hash(k.key()), s.keyId(), s.ciphertext()});
        });
        return new Prepared(flow, gone, rows);
    }

    /** Writes prepared changes inside the caller's transaction. */
    public static void save(Handle h, Prepared p) {
        List<Long> replaced = new ArrayList<>(p.forget());
        p.rows().forEach(r -> replaced.add((Long) r[0]));
        for (List<Long> part : parts(replaced)) {
            h.createUpdate("DELETE FROM flow_source_keys WHERE flow = :flow AND source_hash IN (<h>)")
                    .bind("flow", p.flow()).bindList("h", part).execute();
        }
        if (p.rows().isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("INSERT INTO flow_source_keys (flow, source_hash, key_hash, key_id, "
                + "ciphertext) VALUES (:flow, :s, :k, :key, :ct)");
        Map<Long, Object[]> last = new LinkedHashMap<>();
        p.rows().forEach(r -> last.put((Long) r[0], r)); // a hash collision inside one chunk: the later id wins
        for (Object[] r : last.values()) {
            batch.bind("flow", p.flow()).bind("s", (long) r[0]).bind("k", (long) r[1]).bind("key", (int) r[2])
                    .bind("ct", (byte[]) r[3]).add();
        }
        batch.execute();
    }

    /** Whether the flow remembers any source row. */
    public boolean any(String flow) {
        return db.withHandle("reading a flow's source keys", h -> h.createQuery("SELECT 1 FROM flow_source_keys "
                + "WHERE flow = :flow FETCH FIRST 1 ROWS ONLY").bind("flow", flow).mapTo(Integer.class).findOne()
                .isPresent());
    }

    /** Forgets every source row of the flow (its hash key stays). */
    public void deleteAll(String flow) {
        db.useTransaction("deleting a flow's source keys", h -> h.createUpdate("DELETE FROM flow_source_keys WHERE "
                + "flow = :flow").bind("flow", flow).execute());
    }

    /** Source id, key and digest of a row: {@code LEN:ID LEN:KEY DIGEST} (lengths in chars), sealed. */
    private String[] open(String flow, byte[] ciphertext) {
        String plain = new String(cipher.openFor(owner(flow), SLOT, ciphertext), StandardCharsets.UTF_8);
        int colon = plain.indexOf(':');
        int idEnd = colon + 1 + Integer.parseInt(plain.substring(0, colon));
        int colon2 = plain.indexOf(':', idEnd);
        int keyEnd = colon2 + 1 + Integer.parseInt(plain.substring(idEnd, colon2));
        return new String[] {plain.substring(colon + 1, idEnd), plain.substring(colon2 + 1, keyEnd),
                plain.substring(keyEnd)};
    }

    private static <T> List<List<T>> parts(List<T> all) {
        List<List<T>> out = new ArrayList<>();
        for (int i = 0; i < all.size(); i += IN_BATCH) {
            out.add(all.subList(i, Math.min(all.size(), i + IN_BATCH)));
        }
        return out;
    }

    private Hasher hasher(String flow) {
        return new Hasher(hashKeys.computeIfAbsent(flow, this::loadOrCreateHashKey));
    }

    private byte[] loadOrCreateHashKey(String flow) {
        byte[] stored = readHashKey(flow);
        if (stored != null) {
            return stored;
        }
        byte[] key = new byte[HASH_KEY_BYTES];
        RANDOM.nextBytes(key);
        Sealed s = cipher.sealFor(owner(flow), HASH_KEY_SLOT, key);
        try {
            db.useTransaction("creating a flow's hash key", h -> h.createUpdate("INSERT INTO flow_hash_keys (flow, "
                    + "key_id, ciphertext) VALUES (:flow, :key, :ct)").bind("flow", flow).bind("key", s.keyId())
                    .bind("ct", s.ciphertext()).execute());
            return key;
        } catch (SluiceException e) {
            byte[] raced = readHashKey(flow); // another node created it first
            if (raced == null) {
                throw e;
            }
            return raced;
        }
    }

    private byte[] readHashKey(String flow) {
        return db.withHandle("reading a flow's hash key", h -> h.createQuery("SELECT ciphertext FROM flow_hash_keys "
                + "WHERE flow = :flow").bind("flow", flow).mapTo(byte[].class).findOne()
                .map(ct -> cipher.openFor(owner(flow), HASH_KEY_SLOT, ct)).orElse(null));
    }

    /** HMAC-SHA-256 of a value's UTF-8 bytes, first 8 bytes. Not thread-safe (one per call). */
    private static final class Hasher {
        private final Mac mac;

        Hasher(byte[] key) {
            try {
                mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(key, "HmacSHA256"));
            } catch (GeneralSecurityException e) {
                throw new SluiceException(ErrorKind.INTERNAL, "the JDK has no HmacSHA256: " + e.getClass().getSimpleName());
            }
        }

        long hash(String value) {
            return ByteBuffer.wrap(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), 0, 8).getLong();
        }
    }
}
