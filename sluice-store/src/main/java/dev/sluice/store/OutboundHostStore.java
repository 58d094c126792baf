package dev.sluice.store;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.OutboundHost;
import dev.sluice.core.OutboundPolicy;
import dev.sluice.core.SluiceException;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.Times;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The outbound allowlist's stored part: hosts an admin allowed besides Microsoft's (see {@link OutboundPolicy}),
 * shared by every node and the CLI on one database. Adding and removing is audited. {@link #policy()} is read
 * before outbound requests, so it is cached for {@link #CACHE_FOR}; a change made through this instance is seen at
 * once, one made on another node within that time. Thread-safe.
 */
public final class OutboundHostStore {
    /** How long another node's allowlist change may take to be seen here. */
    public static final Duration CACHE_FOR = Duration.ofSeconds(10);

    private final Database db;
    private final Clock clock;
    private final AuditStore audit;
    private final AtomicReference<Cached> cache = new AtomicReference<>();

    private record Cached(List<OutboundHost> hosts, Instant readAt) {}

    OutboundHostStore(Database db, Clock clock, AuditStore audit) {
        this.db = db;
        this.clock = clock;
        this.audit = audit;
    }

    /** The stored hosts, by name. */
    public List<OutboundHost> list() {
        return db.withHandle("listing outbound hosts", h -> h.createQuery(
                        "SELECT host, private_addresses FROM outbound_hosts ORDER BY host")
                .map((rs, ctx) -> OutboundHost.parse(rs.getString("host"), rs.getBoolean("private_addresses")))
                .list());
    }

    /** Microsoft's hosts and the stored ones (cached for {@link #CACHE_FOR}). */
    public OutboundPolicy policy() {
        Instant now = clock.instant();
        Cached c = cache.get();
        if (c == null || !now.isBefore(c.readAt().plus(CACHE_FOR))) {
            c = new Cached(list(), now);
            cache.set(c);
        }
        return OutboundPolicy.microsoftAnd(c.hosts());
    }

    /** Allows a host (replacing an entry of the same name); audited. */
    public OutboundHost add(OutboundHost host, String actor) {
        AuditEvent.checkActor(actor);
        Instant now = Times.stored(clock.instant());
        db.useTransaction("allowing outbound host " + host.wireName(), h -> {
            h.createUpdate("DELETE FROM outbound_hosts WHERE host = :host").bind("host", host.wireName()).execute();
            h.createUpdate("INSERT INTO outbound_hosts (host, private_addresses, added_by, added_at) "
                            + "VALUES (:host, :private, :by, :now)")
                    .bind("host", host.wireName()).bind("private", host.privateAddresses()).bind("by", actor)
                    .bind("now", Times.bind(now)).execute();
            audit.append(h, actor, AuditAction.OUTBOUND_HOST_ALLOWED, null, null, "allowed outbound requests to "
                    + host.wireName() + (host.privateAddresses() ? " (private addresses allowed)" : ""));
        });
        cache.set(null);
        return host;
    }

    /** Takes a host off the list; NOT_FOUND when it is not on it. Audited. */
    public void remove(String host, String actor) {
        AuditEvent.checkActor(actor);
        String name = OutboundHost.parse(host, false).wireName();
        db.useTransaction("removing outbound host " + name, h -> {
            int n = h.createUpdate("DELETE FROM outbound_hosts WHERE host = :host").bind("host", name).execute();
            if (n == 0) {
                throw new SluiceException(ErrorKind.NOT_FOUND, "outbound host '" + name + "' is not on the stored "
                        + "allowlist");
            }
            audit.append(h, actor, AuditAction.OUTBOUND_HOST_REMOVED, null, null, "removed outbound host " + name);
        });
        cache.set(null);
    }
}
