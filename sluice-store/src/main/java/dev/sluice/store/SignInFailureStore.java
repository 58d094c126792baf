package dev.sluice.store;

import dev.sluice.core.SluiceException;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.DatabaseFailures;
import dev.sluice.store.internal.Times;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * Counters of failed sign-ins, shared by every server node on the database, so a guesser gains nothing by spreading
 * attempts over nodes. Keys are what the server counts under (a user name with a client address, an address, a user
 * name); only their SHA-256 digests are stored. Increments are atomic across nodes. Thread-safe.
 */
public final class SignInFailureStore {
    private final Database db;
    private final Clock clock;

    SignInFailureStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** The counters of these keys that exist. */
    public Map<String, SignInFailures> get(List<String> keys) {
        Map<String, String> byHash = new HashMap<>();
        keys.forEach(k -> byHash.put(hash(k), k));
        Map<String, SignInFailures> out = new HashMap<>();
        db.withHandle("reading sign-in failures", h -> h.createQuery("SELECT key_hash, failures, last_at FROM "
                + "sign_in_failures WHERE key_hash IN (<keys>)").bindList("keys", List.copyOf(byHash.keySet()))
                .map((rs, ctx) -> {
                    out.put(byHash.get(rs.getString(1)), new SignInFailures(rs.getInt(2), Times.read(rs, "last_at")));
                    return null;
                }).list());
        return out;
    }

    /** One more failure under {@code key}; a count whose last failure is older than {@code forgetAfter} restarts. */
    public void fail(String key, Duration forgetAfter) {
        String k = hash(key);
        for (int attempt = 0; ; attempt++) {
            Instant now = Times.stored(clock.instant());
            int n = db.inTransaction("counting a failed sign-in", h -> h.createUpdate("UPDATE sign_in_failures SET "
                    + "failures = CASE WHEN last_at <= :forget THEN 1 ELSE failures + 1 END, last_at = :now "
                    + "WHERE key_hash = :k").bind("forget", Times.bind(now.minus(forgetAfter)))
                    .bind("now", Times.bind(now)).bind("k", k).execute());
            if (n == 1 || insert(k, 1, now) || attempt >= 2) {
                return;
            }
        }
    }

    /** Sets {@code key} to no failures as of now (an address a user signed in from). */
    public void remember(String key) {
        String k = hash(key);
        Instant now = Times.stored(clock.instant());
        int n = db.inTransaction("remembering a sign-in", h -> h.createUpdate("UPDATE sign_in_failures SET failures = 0, "
                + "last_at = :now WHERE key_hash = :k").bind("now", Times.bind(now)).bind("k", k).execute());
        if (n == 0 && !insert(k, 0, now)) {
            remember(key);
        }
    }

    /** Forgets {@code key}. */
    public void delete(String key) {
        db.useTransaction("clearing sign-in failures", h -> h.createUpdate("DELETE FROM sign_in_failures WHERE "
                + "key_hash = :k").bind("k", hash(key)).execute());
    }

    /**
     * Deletes counters whose last failure is before {@code failuresBefore}, and remembered keys last seen before
     * {@code rememberedBefore}; answers how many.
     */
    public int purge(Instant failuresBefore, Instant rememberedBefore) {
        return db.inTransaction("purging sign-in failures", h -> h.createUpdate("DELETE FROM sign_in_failures WHERE "
                + "(failures > 0 AND last_at < :f) OR (failures = 0 AND last_at < :r)")
                .bind("f", Times.bind(failuresBefore)).bind("r", Times.bind(rememberedBefore)).execute());
    }

    /** Inserts a counter; false when another node inserted it first. */
    private boolean insert(String k, int failures, Instant now) {
        try {
            db.useTransaction("counting a failed sign-in", h -> h.createUpdate("INSERT INTO sign_in_failures (key_hash, "
                    + "failures, last_at) VALUES (:k, :n, :now)").bind("k", k).bind("n", failures)
                    .bind("now", Times.bind(now)).execute());
            return true;
        } catch (SluiceException e) {
            if (DatabaseFailures.isUniqueViolation(e)) {
                return false;
            }
            throw e;
        }
    }

    private static String hash(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
