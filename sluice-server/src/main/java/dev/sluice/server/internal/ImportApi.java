package dev.sluice.server.internal;

import static io.javalin.http.HandlerType.POST;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.core.RemoteText;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import dev.sluice.dataverse.BulkOptions;
import dev.sluice.dataverse.BulkOutcome;
import dev.sluice.dataverse.BulkWriter;
import dev.sluice.store.AuditAction;
import dev.sluice.store.Connection;
import dev.sluice.store.GrantLevel;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Bulk import: {@code POST /api/v1/connections/{c}/tables/{table}/import?mode=create|update|upsert|delete&key=…}
 * with a body of JSON lines, streamed into a {@code BulkWriter} in constant memory. Answers counts and the first
 * failures (never record values): a record the service refused by its {@code index} among the parsed records, a
 * line that is not JSON by its {@code line} number. Thread-safe.
 */
public final class ImportApi {
    /** Failures listed in the answer; the rest are only counted. */
    static final int MAX_LISTED_FAILURES = 100;
    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

    private final Services s;

    public ImportApi(Services services) {
        this.s = services;
    }

    /** This API's routes. */
    public List<ApiRoute> routes() {
        return List.of(new ApiRoute(POST, "/api/v1/connections/{connection}/tables/{table}/import", "write grant",
                "Bulk import JSON lines (mode create, update, upsert or delete; key columns)", this::importLines));
    }

    private void importLines(Context ctx) {
        Caller caller = Routes.caller(ctx);
        Connection c = s.access().require(caller, ctx.pathParam("connection"), GrantLevel.WRITE);
        String table = ctx.pathParam("table");
        WriteMode mode = mode(ctx.queryParam("mode"));
        String key = ctx.queryParam("key");
        List<String> keys = key == null || key.isBlank() ? List.of()
                : Arrays.stream(key.split(",")).map(String::strip).toList();
        AtomicLong ok = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<ObjectNode> failures = Collections.synchronizedList(new ArrayList<>());
        long lines = 0;
        ApiProblem stopped = null;
        long lineLimit = s.bodyLimits().importLineBytes();
        try (RecordSink w = sink(c, table, mode, keys, ok, failed, failures); Reader in = new BufferedReader(
                new InputStreamReader(BodyLimits.body(ctx), StandardCharsets.UTF_8), 1 << 16)) {
            StringBuilder line = new StringBuilder();
            while (readLine(in, line, lineLimit, lines + 1)) {
                lines++;
                if (line.toString().isBlank()) {
                    continue;
                }
                try {
                    w.add(JsonBodies.MAPPER.readValue(line.toString(), MAP));
                } catch (JsonProcessingException e) {
                    failed.incrementAndGet();
                    note(failures, -lines, null, e instanceof StreamConstraintsException
                            ? "line " + lines + ": " + JsonBodies.problem(e, "the line").getMessage() + "; it was skipped"
                            : "line " + lines + " is not a JSON object; it was skipped");
                }
            }
        } catch (BodyLimits.TooLarge e) {
            stopped = BodyLimits.tooLarge(e.limit);
        } catch (ApiProblem e) {
            if (e.status() != 413) {
                throw e;
            }
            stopped = e;
        } catch (IOException e) {
            throw ApiProblem.badRequest("the import body could not be read");
        }
        s.metrics().rowsWritten(ok.get());
        s.store().audit().append(caller.name(), AuditAction.DATA_IMPORTED, c.id(), c.name(), mode.name()
                .toLowerCase(Locale.ROOT) + " import into table '" + table + "': " + ok.get() + " rows written, "
                + failed.get() + " failed" + (stopped == null ? "" : "; stopped: " + stopped.getMessage()));
        ObjectNode out = JsonBodies.MAPPER.createObjectNode();
        if (stopped != null) {
            // a streamed import is refused where it goes past its limit: the lines before were sent, and counted here
            out.put("type", "about:blank");
            out.put("title", stopped.title());
            out.put("status", stopped.status());
            out.put("detail", stopped.getMessage() + "; the " + lines + " line(s) before it were sent "
                    + "(see succeeded and failed)");
        }
        out.put("succeeded", ok.get());
        out.put("failed", failed.get());
        ArrayNode list = out.putArray("failures");
        synchronized (failures) {
            failures.forEach(list::add);
        }
        if (stopped != null) {
            ctx.status(stopped.status()).contentType(Problems.MEDIA_TYPE)
                    .result(out.toString().getBytes(StandardCharsets.UTF_8));
            return;
        }
        JsonBodies.write(ctx, 200, out);
    }

    /** Where parsed records go: a sink that writes them in bulk and counts each record's outcome. */
    private interface RecordSink extends AutoCloseable {
        void add(Map<String, Object> record);

        @Override
        void close();
    }

    private RecordSink sink(Connection c, String table, WriteMode mode, List<String> keys, AtomicLong ok,
            AtomicLong failed, List<ObjectNode> failures) {
        if (DataverseClients.isBusinessCentral(c)) {
            return new BusinessCentralSink(s.clients().businessCentral(c), table, mode, keys, ok, failed, failures);
        }
        BulkWriter w = s.clients().client(c).bulkWriter(table, mode, keys, BulkOptions.DEFAULTS, o -> {
            if (o.failed()) {
                failed.incrementAndGet();
                note(failures, o.index(), o.errorCode(), RemoteText.excerpt(o.message()));
            } else {
                ok.incrementAndGet();
            }
        });
        return new RecordSink() {
            @Override
            public void add(Map<String, Object> record) {
                w.add(record);
            }

            @Override
            public void close() {
                w.close();
            }
        };
    }

    /** Business Central: 200 records per provider write (each two $batch requests), an outcome per record. */
    private static final class BusinessCentralSink implements RecordSink {
        private static final int CHUNK = 200;
        private final dev.sluice.businesscentral.BusinessCentralRecordProvider provider;
        private final String table;
        private final WriteMode mode;
        private final List<String> keys;
        private final AtomicLong ok;
        private final AtomicLong failed;
        private final List<ObjectNode> failures;
        private final List<Map<String, Object>> chunk = new ArrayList<>();
        private long written;

        BusinessCentralSink(dev.sluice.businesscentral.BusinessCentralRecordProvider provider, String table,
                WriteMode mode, List<String> keys, AtomicLong ok, AtomicLong failed, List<ObjectNode> failures) {
            this.provider = provider;
            this.table = table;
            this.mode = mode;
            this.keys = keys;
            this.ok = ok;
            this.failed = failed;
            this.failures = failures;
        }

        @Override
        public void add(Map<String, Object> record) {
            chunk.add(record);
            if (chunk.size() == CHUNK) {
                flush();
            }
        }

        @Override
        public void close() {
            flush();
        }

        private void flush() {
            if (chunk.isEmpty()) {
                return;
            }
            for (WriteOutcome o : provider.write(table, mode, keys, chunk)) {
                if (o.failed()) {
                    failed.incrementAndGet();
                    note(failures, written + o.index(), null, RemoteText.excerpt(o.message()));
                } else {
                    ok.incrementAndGet();
                }
            }
            written += chunk.size();
            chunk.clear();
        }
    }

    /**
     * Reads one line (without its end) into {@code line}; false at the end of the body. A line longer than
     * {@code limit} characters is refused with 413 before the rest of it is read.
     */
    private static boolean readLine(Reader in, StringBuilder line, long limit, long number) throws IOException {
        line.setLength(0);
        int c;
        boolean any = false;
        while ((c = in.read()) >= 0) {
            any = true;
            if (c == '\n') {
                break;
            }
            if (line.length() >= limit) {
                throw new ApiProblem(413, "Content too large", "line " + number + " of the import is longer than "
                        + BodyLimits.size(limit) + "; one line holds one record");
            }
            line.append((char) c);
        }
        if (line.length() > 0 && line.charAt(line.length() - 1) == '\r') {
            line.setLength(line.length() - 1);
        }
        return any;
    }

    private static void note(List<ObjectNode> failures, long index, String code, String message) {
        if (failures.size() < MAX_LISTED_FAILURES) {
            ObjectNode f = JsonBodies.MAPPER.createObjectNode();
            if (index < 0) {
                f.put("line", -index);
            } else {
                f.put("index", index);
            }
            f.put("errorCode", code);
            f.put("message", message);
            failures.add(f);
        }
    }

    private static WriteMode mode(String value) {
        if (value == null || value.isBlank()) {
            return WriteMode.CREATE;
        }
        try {
            return WriteMode.valueOf(value.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiProblem.badRequest("mode '" + value + "' is not one of create, update, upsert, delete");
        }
    }
}
