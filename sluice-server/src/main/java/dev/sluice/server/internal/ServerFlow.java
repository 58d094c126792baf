package dev.sluice.server.internal;

import dev.sluice.flow.FlowParser;
import dev.sluice.flow.ParsedFlow;
import java.time.Instant;
import java.util.Objects;

/**
 * A flow the server knows: from the configured folder ({@code owner} null) or uploaded through the API (its
 * uploader is the owner, and the connections its file declares count as the owner's). Immutable and thread-safe.
 *
 * @param name the flow's name (the file name's stem when the file cannot be parsed)
 * @param file the file name shown in problems
 * @param yaml the file's text
 * @param owner who uploaded it, or null for a folder flow
 * @param uploadedAt when it was uploaded, or null for a folder flow
 */
public record ServerFlow(String name, String file, String yaml, String owner, Instant uploadedAt) {
    public ServerFlow {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(yaml, "yaml");
    }

    /** Whether it came from the configured folder. */
    public boolean fromFolder() {
        return owner == null;
    }

    /** {@code folder} or {@code upload}. */
    public String origin() {
        return fromFolder() ? "folder" : "upload";
    }

    /** The parsed file; a {@code FlowException} with its problems when it cannot be parsed. */
    public ParsedFlow parse() {
        return FlowParser.parse(file, yaml);
    }
}
