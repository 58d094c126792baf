package dev.sluice.store;

import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.Times;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Flow files uploaded to the server, by flow name. Thread-safe. */
public final class FlowDefinitionStore {
    private final Database db;
    private final Clock clock;

    FlowDefinitionStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores the flow file, replacing an earlier upload of the same name. */
    public StoredFlow put(String name, String yaml, String uploadedBy) {
        StoredFlow f = new StoredFlow(name, yaml, uploadedBy, Times.stored(clock.instant()));
        db.useTransaction("storing a flow", h -> {
            int n = h.createUpdate("UPDATE flow_definitions SET yaml = :yaml, uploaded_by = :by, uploaded_at = :at "
                    + "WHERE name = :name").bind("yaml", yaml).bind("by", uploadedBy)
                    .bind("at", Times.bind(f.uploadedAt())).bind("name", name).execute();
            if (n == 0) {
                h.createUpdate("INSERT INTO flow_definitions (name, yaml, uploaded_by, uploaded_at) VALUES (:name, "
                        + ":yaml, :by, :at)").bind("yaml", yaml).bind("by", uploadedBy)
                        .bind("at", Times.bind(f.uploadedAt())).bind("name", name).execute();
            }
        });
        return f;
    }

    /** The uploaded flow of this name, if any. */
    public Optional<StoredFlow> get(String name) {
        return db.withHandle("reading a flow", h -> h.createQuery("SELECT * FROM flow_definitions WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> new StoredFlow(rs.getString("name"), rs.getString("yaml"),
                        rs.getString("uploaded_by"), Times.read(rs, "uploaded_at"))).findOne());
    }

    /** Every uploaded flow, by name. */
    public List<StoredFlow> list() {
        return db.withHandle("listing flows", h -> h.createQuery("SELECT * FROM flow_definitions ORDER BY name")
                .map((rs, ctx) -> new StoredFlow(rs.getString("name"), rs.getString("yaml"),
                        rs.getString("uploaded_by"), Times.read(rs, "uploaded_at"))).list());
    }

    /** Deletes the uploaded flow; whether there was one. Its runs and dead letters stay. */
    public boolean delete(String name) {
        return db.inTransaction("deleting a flow", h -> h.createUpdate("DELETE FROM flow_definitions WHERE name = :name")
                .bind("name", name).execute()) > 0;
    }
}
