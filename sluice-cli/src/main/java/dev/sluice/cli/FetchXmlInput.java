package dev.sluice.cli;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.FetchXml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The {@code --fetchxml FILE|-} option of query and export: the FetchXML text from a file or standard input, checked
 * (well-formed, no DOCTYPE, one {@code <entity>}) before anything is sent, and matched against a TABLE argument when
 * one was given. Stateless.
 */
final class FetchXmlInput {
    private FetchXmlInput() {}

    /**
     * The query of {@code source} against {@code client}'s environment: a TABLE argument (logical name or entity set)
     * must name a table there and be the query's entity, and the query's entity must exist.
     */
    static FetchXml read(DataverseClient client, CliEnvironment env, String source, String table) {
        String logical = table == null ? null : Tables.metadata(client, table).logicalName();
        FetchXml q = read(env, source, logical);
        Tables.metadata(client, q.entity());
        return q;
    }

    private static FetchXml read(CliEnvironment env, String source, String table) {
        String text;
        try {
            text = source.equals("-") ? new String(env.stdin().readAllBytes(), StandardCharsets.UTF_8)
                    : Files.readString(Path.of(source), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new SluiceException(ErrorKind.NOT_FOUND, "the --fetchxml file " + source + " does not exist", e);
        } catch (IOException e) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "cannot read the --fetchxml file " + source + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
        FetchXml q;
        try {
            q = FetchXml.parse(text);
        } catch (SluiceException e) {
            throw new SluiceException(e.kind(), (source.equals("-") ? "--fetchxml from standard input" : "--fetchxml "
                    + source) + ": " + e.getMessage());
        }
        if (table != null && !table.equals(q.entity())) {
            throw new SluiceException(ErrorKind.INVALID_INPUT, "--fetchxml queries '" + q.entity() + "' but the table "
                    + "argument says '" + table + "'; leave the table out or make them the same");
        }
        return q;
    }
}
