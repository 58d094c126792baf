package dev.sluice.store;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.store.internal.Database;
import dev.sluice.store.internal.DatabaseFailures;
import dev.sluice.store.internal.Times;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * Flow files uploaded to the server, by flow name, and every version saved of each (numbered from 1, with who saved
 * it, when and how). A save writes the current file and its new version in one transaction. Thread-safe.
 */
public final class FlowDefinitionStore {
    private final Database db;
    private final Clock clock;

    FlowDefinitionStore(Database db, Clock clock) {
        this.db = db;
        this.clock = clock;
    }

    /** Stores the flow file, replacing an earlier upload of the same name, as a new version uploaded as a file. */
    public StoredFlow put(String name, String yaml, String uploadedBy) {
        return save(name, yaml, uploadedBy, FlowVersion.UPLOAD, null).flow();
    }

    /** A saved flow and the version the save made. */
    public record Saved(StoredFlow flow, FlowVersion version) {}

    /**
     * Stores the flow file as its next version ({@code origin}: {@link FlowVersion#UPLOAD} or
     * {@link FlowVersion#DESIGNER}). With {@code expectedVersion}, the save is refused (CONFLICT) when the flow's
     * latest version is another one: someone saved it since it was opened (0 expects a new flow).
     */
    public Saved save(String name, String yaml, String savedBy, String origin, Integer expectedVersion) {
        StoredFlow f = new StoredFlow(name, yaml, savedBy, Times.stored(clock.instant()));
        FlowVersion[] made = new FlowVersion[1];
        try {
            saveIn(name, yaml, savedBy, origin, expectedVersion, f, made);
        } catch (SluiceException e) {
            if (DatabaseFailures.isUniqueViolation(e)) {
                // two saves of one new flow at once: the other took the version number
                throw new SluiceException(ErrorKind.CONFLICT, "flow '" + name
                        + "' was saved by someone else at the same moment; open its latest version and save again");
            }
            throw e;
        }
        return new Saved(f, made[0]);
    }

    private void saveIn(String name, String yaml, String savedBy, String origin, Integer expectedVersion, StoredFlow f,
            FlowVersion[] made) {
        db.useTransaction("storing a flow", h -> {
            // the flow's row (or, for a new flow, the versions' key) is locked so that two saves number in turn
            boolean exists = h.createQuery("SELECT name FROM flow_definitions WHERE name = :name FOR UPDATE")
                    .bind("name", name).mapTo(String.class).findOne().isPresent();
            int latest = h.createQuery("SELECT COALESCE(MAX(version), 0) FROM flow_versions WHERE flow = :name")
                    .bind("name", name).mapTo(Integer.class).one();
            if (expectedVersion != null && expectedVersion == 0 && exists) {
                throw new SluiceException(ErrorKind.CONFLICT, "a flow named '" + name + "' already exists (version "
                        + latest + "); choose another name, or open that flow and change it");
            }
            if (expectedVersion != null && expectedVersion != 0 && (!exists || expectedVersion != latest)) {
                throw new SluiceException(ErrorKind.CONFLICT, "flow '" + name + "' " + (exists ? "was saved again "
                        + "since you opened version " + expectedVersion + " (it is now at version " + latest + ")"
                        : "was deleted since you opened it") + "; open its latest version and make your change there");
            }
            made[0] = new FlowVersion(name, latest + 1, yaml, savedBy, f.uploadedAt(), origin);
            h.createUpdate("INSERT INTO flow_versions (flow, version, yaml, saved_by, saved_at, origin) VALUES (:flow, "
                    + ":version, :yaml, :by, :at, :origin)").bind("flow", name).bind("version", latest + 1)
                    .bind("yaml", yaml).bind("by", savedBy).bind("at", Times.bind(f.uploadedAt())).bind("origin", origin)
                    .execute();
            int n = h.createUpdate("UPDATE flow_definitions SET yaml = :yaml, uploaded_by = :by, uploaded_at = :at "
                    + "WHERE name = :name").bind("yaml", yaml).bind("by", savedBy)
                    .bind("at", Times.bind(f.uploadedAt())).bind("name", name).execute();
            if (n == 0) {
                h.createUpdate("INSERT INTO flow_definitions (name, yaml, uploaded_by, uploaded_at) VALUES (:name, "
                        + ":yaml, :by, :at)").bind("yaml", yaml).bind("by", savedBy)
                        .bind("at", Times.bind(f.uploadedAt())).bind("name", name).execute();
            }
        });
    }

    /** Every version of the flow, newest first (empty for a flow never saved in the store). */
    public List<FlowVersion> versions(String name) {
        return db.withHandle("listing flow versions", h -> h.createQuery("SELECT * FROM flow_versions WHERE flow = "
                + ":name ORDER BY version DESC").bind("name", name).map((rs, ctx) -> version(rs)).list());
    }

    /** One version of the flow, if it exists. */
    public Optional<FlowVersion> version(String name, int version) {
        return db.withHandle("reading a flow version", h -> h.createQuery("SELECT * FROM flow_versions WHERE flow = "
                + ":name AND version = :version").bind("name", name).bind("version", version)
                .map((rs, ctx) -> version(rs)).findOne());
    }

    /** The flow's latest version number, or 0 when it has none. */
    public int latestVersion(String name) {
        return db.withHandle("reading a flow version", h -> h.createQuery("SELECT COALESCE(MAX(version), 0) FROM "
                + "flow_versions WHERE flow = :name").bind("name", name).mapTo(Integer.class).one());
    }

    private static FlowVersion version(ResultSet rs) throws SQLException {
        return new FlowVersion(rs.getString("flow"), rs.getInt("version"), rs.getString("yaml"),
                rs.getString("saved_by"), Times.read(rs, "saved_at"), rs.getString("origin"));
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

    /** Deletes the uploaded flow; whether there was one. Its runs, dead letters and versions stay. */
    public boolean delete(String name) {
        return db.inTransaction("deleting a flow", h -> h.createUpdate("DELETE FROM flow_definitions WHERE name = :name")
                .bind("name", name).execute()) > 0;
    }
}
