package dev.sluice.server.internal;

import dev.sluice.flow.FlowDefinition;
import dev.sluice.flow.FlowParser;
import dev.sluice.flow.ParsedFlow;
import dev.sluice.store.AuditAction;
import dev.sluice.store.FlowVersion;
import dev.sluice.store.SluiceStore;
import dev.sluice.store.StoredFlow;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Flow files saved on the server, version by version: upload or designer save (validated and granted first,
 * audited, the schedule synced), and the saved versions. Thread-safe.
 */
final class FlowUploads {
    /** Flow names go into URLs and the store's VARCHAR(100) columns. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");

    /** A saved flow: as stored, its definition, whether it is new, and the version the save made. */
    record Stored(ServerFlow flow, FlowDefinition definition, boolean created, FlowVersion version) {}

    private final SluiceStore store;
    private final FlowCatalog catalog;
    private final FlowGrants grants;
    private final FlowChecks checks;
    private final FlowScheduler scheduler;

    FlowUploads(SluiceStore store, FlowCatalog catalog, FlowGrants grants, FlowChecks checks,
            FlowScheduler scheduler) {
        this.store = store;
        this.catalog = catalog;
        this.grants = grants;
        this.checks = checks;
        this.scheduler = scheduler;
    }

    /** See {@link FlowService#save}. */
    Stored save(Caller caller, String yaml, String origin, Integer expectedVersion) {
        if (yaml == null || yaml.isBlank()) {
            throw ApiProblem.badRequest("the body must be a flow file (YAML)");
        }
        ParsedFlow parsed = FlowParser.parse("upload.flow.yaml", yaml);
        FlowDefinition def = parsed.definition();
        String name = def.name();
        requireName(name);
        Optional<StoredFlow> earlier = store.flowDefinitions().get(name);
        grants.requireUpload(caller, def, earlier);
        ServerFlow candidate = new ServerFlow(name, name + ".flow.yaml", yaml, caller.name(), null);
        checks.check(candidate).close();
        FlowVersion version = store.flowDefinitions().save(name, yaml, caller.name(), origin, expectedVersion).version();
        ServerFlow stored = catalog.find(name).orElseThrow();
        boolean designed = FlowVersion.DESIGNER.equals(origin);
        grants.audit(caller.name(), designed ? AuditAction.FLOW_SAVED : AuditAction.FLOW_UPLOADED, def, "flow '"
                + name + "' " + (designed ? "saved in the designer" : earlier.isPresent() ? "replaced" : "uploaded")
                + " as version " + version.version());
        scheduler.sync(name, def);
        return new Stored(stored, def, earlier.isEmpty(), version);
    }

    private void requireName(String name) {
        if (!NAME.matcher(name).matches()) {
            throw ApiProblem.badRequest("flow name '" + name + "' must be 1-100 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
        if (catalog.inFolder(name)) {
            throw new ApiProblem(409, "Conflict", "flow '" + name + "' comes from the server's flows folder; give "
                    + "the uploaded flow another name");
        }
    }

    /** Every saved version of a flow the caller may see, newest first (empty for a folder flow). */
    List<FlowVersion> versions(Caller caller, String name) {
        ServerFlow f = grants.visible(caller, name);
        return f.fromFolder() ? List.of() : store.flowDefinitions().versions(f.name());
    }

    /** One saved version of a flow the caller may see. */
    FlowVersion version(Caller caller, String name, int version) {
        ServerFlow f = grants.visible(caller, name);
        return store.flowDefinitions().version(f.name(), version).filter(v -> !f.fromFolder())
                .orElseThrow(() -> ApiProblem.notFound("flow '" + name + "' has no version " + version));
    }
}
