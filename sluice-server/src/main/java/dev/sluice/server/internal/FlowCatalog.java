package dev.sluice.server.internal;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.flow.FlowException;
import dev.sluice.flow.FlowParser;
import dev.sluice.store.FlowDefinitionStore;
import dev.sluice.store.StoredFlow;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The flows the server knows: the {@code *.yaml}/{@code *.yml} files of the configured folder (read again on every
 * call, so edits show at once) and the flows uploaded to the engine store (shared by every node on one database).
 * A folder flow wins over an upload of the same name. Thread-safe.
 */
public final class FlowCatalog {
    private static final Logger LOG = LoggerFactory.getLogger(FlowCatalog.class);

    private final Path folder;
    private final FlowDefinitionStore uploads;

    /** {@code folder} may be null: then only uploaded flows. */
    public FlowCatalog(Path folder, FlowDefinitionStore uploads) {
        this.folder = folder;
        this.uploads = uploads;
    }

    /** Every flow, by name. */
    public List<ServerFlow> list() {
        Map<String, ServerFlow> all = new TreeMap<>();
        for (StoredFlow s : uploads.list()) {
            all.put(s.name(), uploaded(s));
        }
        all.putAll(folderFlows());
        return new ArrayList<>(all.values());
    }

    /** The flow of this name, if any. */
    public Optional<ServerFlow> find(String name) {
        ServerFlow f = folderFlows().get(name);
        return f != null ? Optional.of(f) : uploads.get(name).map(FlowCatalog::uploaded);
    }

    /** Whether the folder holds a flow of this name. */
    public boolean inFolder(String name) {
        return folderFlows().containsKey(name);
    }

    private static ServerFlow uploaded(StoredFlow s) {
        return new ServerFlow(s.name(), s.name() + ".flow.yaml", s.yaml(), s.uploadedBy(), s.uploadedAt());
    }

    private Map<String, ServerFlow> folderFlows() {
        Map<String, ServerFlow> out = new TreeMap<>();
        if (folder == null) {
            return out;
        }
        List<Path> files;
        try (Stream<Path> s = Files.list(folder)) {
            files = s.filter(p -> Files.isRegularFile(p) && (p.toString().endsWith(".yaml")
                    || p.toString().endsWith(".yml"))).sorted().toList();
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.INTERNAL, "cannot list the flows folder " + folder + ": "
                    + e.getMessage(), e);
        }
        for (Path p : files) {
            String text;
            try {
                text = Files.readString(p, StandardCharsets.UTF_8);
            } catch (IOException e) {
                LOG.warn("flow file unreadable file={} message={}", p, e.getMessage());
                continue;
            }
            String file = p.getFileName().toString();
            String name;
            try {
                name = FlowParser.parse(file, text).definition().name();
            } catch (FlowException e) {
                // listed under its file name; its problems are shown when it is opened or validated
                name = file.replaceAll("(\\.flow)?\\.ya?ml$", "");
            }
            out.putIfAbsent(name, new ServerFlow(name, file, text, null, null));
        }
        return out;
    }
}
