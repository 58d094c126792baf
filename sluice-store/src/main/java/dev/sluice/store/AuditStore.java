package dev.sluice.store;

import dev.sluice.store.internal.ConnectionRows;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * The audit log: who did what to which connection, and when. Events are appended, never changed; details never
 * hold a secret. Thread-safe.
 */
public final class AuditStore {
    /** Longest detail kept; longer text is cut (the column is VARCHAR(2000)). */
    private static final int MAX_DETAIL = 2000;

    private final Database db;
    private final Clock clock;

    AuditStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Appends an event in its own transaction. */
    public AuditEvent append(String actor, AuditAction action, UUID connectionId, String connectionName, String detail) {
        return db.inTransaction("writing an audit event",
                h -> append(h, actor, action, connectionId, connectionName, detail));
    }

    /** Appends an event inside the caller's transaction, so it commits or rolls back with the change it records. */
    AuditEvent append(Handle h, String actor, AuditAction action, UUID connectionId, String connectionName, String detail) {
        Instant at = Times.stored(clock.instant());
        String text = detail == null ? "" : detail.length() > MAX_DETAIL ? detail.substring(0, MAX_DETAIL - 1) + "…" : detail;
        AuditEvent probe = new AuditEvent(0, at, actor, action, connectionId, connectionName, text);
        var insert = h.createUpdate("INSERT INTO audit_events (at, actor, action, connection_id, connection_name, detail) "
                + "VALUES (:at, :actor, :action, :cid, :cname, :detail)");
        long id = ConnectionRows.bindUuid(insert, "cid", connectionId)
                .bind("at", Times.bind(at))
                .bind("actor", probe.actor())
                .bind("action", action.wireName())
                .bind("cname", connectionName)
                .bind("detail", text)
                .executeAndReturnGeneratedKeys("id")
                .mapTo(Long.class)
                .one();
        return new AuditEvent(id, at, probe.actor(), action, connectionId, connectionName, text);
    }

    /** Lists events matching the query, newest first, one page. */
    public AuditPage list(AuditQuery query) {
        StringBuilder sql = new StringBuilder("SELECT * FROM audit_events WHERE 1 = 1");
        if (query.connectionId() != null) {
            sql.append(" AND connection_id = :cid");
        }
        if (query.actor() != null) {
            sql.append(" AND actor = :actor");
        }
        if (query.action() != null) {
            sql.append(" AND action = :action");
        }
        if (query.from() != null) {
            sql.append(" AND at >= :from");
        }
        if (query.to() != null) {
            sql.append(" AND at < :to");
        }
        if (query.after() != null) {
            sql.append(" AND (at < :afterAt OR (at = :afterAt AND id < :afterId))");
        }
        // one more than the page size tells whether there is a next page
        sql.append(" ORDER BY at DESC, id DESC FETCH FIRST ").append(query.pageSize() + 1).append(" ROWS ONLY");
        List<AuditEvent> rows = db.withHandle("listing audit events", h -> {
            Query q = h.createQuery(sql.toString());
            if (query.connectionId() != null) {
                q.bind("cid", query.connectionId());
            }
            if (query.actor() != null) {
                q.bind("actor", query.actor());
            }
            if (query.action() != null) {
                q.bind("action", query.action().wireName());
            }
            if (query.from() != null) {
                q.bind("from", Times.bind(query.from()));
            }
            if (query.to() != null) {
                q.bind("to", Times.bind(query.to()));
            }
            if (query.after() != null) {
                q.bind("afterAt", Times.bind(query.after().at())).bind("afterId", query.after().id());
            }
            return q.map((rs, ctx) -> event(rs)).list();
        });
        if (rows.size() <= query.pageSize()) {
            return new AuditPage(rows, null);
        }
        List<AuditEvent> page = new ArrayList<>(rows.subList(0, query.pageSize()));
        return new AuditPage(page, query.after(page.get(page.size() - 1).cursor()));
    }

    private static AuditEvent event(ResultSet rs) throws SQLException {
        return new AuditEvent(
                rs.getLong("id"),
                Times.read(rs, "at"),
                rs.getString("actor"),
                AuditAction.fromWireName(rs.getString("action")),
                rs.getObject("connection_id", UUID.class),
                rs.getString("connection_name"),
                rs.getString("detail"));
    }
}
