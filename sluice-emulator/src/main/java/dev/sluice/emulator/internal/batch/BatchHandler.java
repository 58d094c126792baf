package dev.sluice.emulator.internal.batch;

import dev.sluice.emulator.internal.EmulatorContext;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Handler;
import dev.sluice.emulator.internal.http.Json;
import dev.sluice.emulator.internal.http.Preferences;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves {@code POST $batch} (fact sheet §D.1, §D.2): reads and checks the whole multipart body
 * first (a malformed batch changes nothing), then runs the operations in order through the
 * dispatcher with the batch's caller. A change set runs in one store transaction and is rolled back
 * when any of its operations fails. Without {@code Prefer: odata.continue-on-error} the batch stops
 * at the first failure and answers 400; with it every item runs and the answer is 200. Only the
 * outer request passes service protection, so a batch counts as one request. Thread-safe.
 */
public final class BatchHandler {
    private static final Logger LOG = LoggerFactory.getLogger(BatchHandler.class);

    private final EmulatorContext ctx;
    private final Handler dispatcher;

    /** {@code dispatcher} runs one authenticated part request (no limits, no auth). */
    public BatchHandler(EmulatorContext ctx, Handler dispatcher) {
        this.ctx = ctx;
        this.dispatcher = dispatcher;
    }

    public ApiResponse handle(ApiRequest request) {
        List<BatchItem> items = BatchRequestReader.read(request);
        boolean continueOnError = Preferences.of(request.headers()).continueOnError();
        BatchResponseWriter writer = new BatchResponseWriter();
        boolean failed = false;
        for (BatchItem item : items) {
            boolean ok;
            if (item instanceof ChangeSet changeSet) {
                List<PartResult> results = run(request, changeSet);
                writer.changeSet(results);
                ok = results.stream().noneMatch(PartResult::failed);
            } else {
                PartResult result = run(request, (BatchOperation) item, Map.of());
                writer.operation(result);
                ok = !result.failed();
            }
            if (!ok) {
                failed = true;
                if (!continueOnError) {
                    break;
                }
            }
        }
        // Fact sheet §D.1: a batch stopped by a failure answers 400 (2023 doc); with continue-on-error, 200
        return writer.finish(failed && !continueOnError ? 400 : 200);
    }

    /** Runs a change set in one transaction; on failure returns only the failing operation's result. */
    private List<PartResult> run(ApiRequest request, ChangeSet changeSet) {
        try {
            return ctx.store().write(tx -> {
                Map<String, String> entityUrls = new HashMap<>();
                List<PartResult> results = new ArrayList<>();
                for (BatchOperation op : changeSet.operations()) {
                    PartResult result = run(request, op, entityUrls);
                    if (result.failed()) {
                        throw new RolledBack(result);
                    }
                    String url = result.entityUrl(ctx.store().schema());
                    if (op.contentId() != null && url != null) {
                        entityUrls.put(op.contentId(), url);
                    }
                    results.add(result);
                }
                return results;
            });
        } catch (RolledBack e) {
            return List.of(e.result);
        }
    }

    private PartResult run(ApiRequest batch, BatchOperation op, Map<String, String> entityUrls) {
        ApiRequest part = null;
        ApiResponse response;
        try {
            part = partRequest(batch, op, entityUrls);
            response = dispatcher.handle(part);
        } catch (ApiException e) {
            response = ApiResponse.json(e.status(), Json.error(e.code(), e.getMessage()));
        } catch (RuntimeException e) {
            LOG.warn("unexpected failure in batch operation {} ({})", op.number(), op.method(), e);
            response = ApiResponse.json(500, Json.error("0x80040216", "An unexpected error occurred."));
        }
        return new PartResult(op, part, response);
    }

    private static ApiRequest partRequest(ApiRequest batch, BatchOperation op, Map<String, String> entityUrls) {
        String url = ContentIdReferences.resolveUrl(op.url(), entityUrls);
        byte[] body = ContentIdReferences.resolveBody(op.body(), entityUrls);
        PartUrl target = PartUrl.parse(url, op.number());
        return new ApiRequest(op.method(), target.path(), target.rawQuery(), op.headers(), body, batch.baseUrl(),
                batch.caller());
    }

    /** Unwinds a change set's transaction so that the store undoes it. */
    private static final class RolledBack extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final transient PartResult result;

        RolledBack(PartResult result) {
            super(null, null, false, false);
            this.result = result;
        }
    }
}
