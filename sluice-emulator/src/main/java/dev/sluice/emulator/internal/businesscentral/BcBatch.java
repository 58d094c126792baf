package dev.sluice.emulator.internal.businesscentral;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.HeaderMap;
import dev.sluice.emulator.internal.http.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * JSON {@code $batch} ({@code {"requests":[{"id","method","url","headers","body"}]}} → {@code {"responses":[…]}}),
 * at most {@value #MAX_OPERATIONS} operations. With {@code Isolation: snapshot} the batch runs as one transaction
 * (Microsoft: "Using OData transactional $batch requests"): when an operation fails, every change of the batch is
 * undone, while each operation's answer is still reported. Without it, each operation stands alone. Stateless.
 */
final class BcBatch {
    /** Microsoft's operational limits: at most 100 operations in one {@code $batch}. */
    static final int MAX_OPERATIONS = 100;

    private BcBatch() {}

    static ApiResponse run(ApiRequest batch, BcEnvironment env, BcRoutes routes) {
        if (!batch.method().equals("POST")) {
            throw BcErrors.methodNotAllowed(batch.method(), "$batch");
        }
        JsonNode doc;
        try {
            doc = Json.MAPPER.readTree(batch.body());
        } catch (IOException e) {
            throw BcErrors.badRequest("BadRequest", "Invalid Request Body");
        }
        JsonNode requests = doc == null ? null : doc.get("requests");
        if (requests == null || !requests.isArray()) {
            throw BcErrors.badRequest("BadRequest", "A JSON batch body needs a 'requests' array.");
        }
        if (requests.size() > MAX_OPERATIONS) {
            throw BcErrors.badRequest("BadRequest", "The batch request contains " + requests.size()
                    + " operations; the maximum is " + MAX_OPERATIONS + ".");
        }
        String isolation = batch.headers().first("Isolation");
        boolean snapshot = isolation != null && isolation.trim().equalsIgnoreCase("snapshot");
        Map<BcCompany, Map<String, Map<UUID, BcRow>>> before = new IdentityHashMap<>();
        if (snapshot) {
            env.companies().forEach(c -> before.put(c, c.snapshot()));
        }
        ObjectNode out = Json.object();
        ArrayNode responses = out.putArray("responses");
        boolean failed = false;
        for (JsonNode op : requests) {
            ApiResponse answer;
            try {
                answer = routes.route(inner(batch, op), env);
            } catch (ApiException e) {
                answer = BusinessCentralService.error(e);
            }
            failed |= answer.status() >= 400;
            responses.add(part(op, answer));
        }
        if (snapshot && failed) {
            before.forEach(BcCompany::restore);
        }
        return BusinessCentralService.json(200, out);
    }

    private static ApiRequest inner(ApiRequest batch, JsonNode op) {
        String method = op.path("method").asText("GET").toUpperCase(java.util.Locale.ROOT);
        String url = op.path("url").asText("");
        if (url.startsWith(batch.baseUrl())) {
            url = url.substring(batch.baseUrl().length());
        } else if (url.startsWith("http://") || url.startsWith("https://")) {
            throw BcErrors.badRequest("BadRequest", "The URL '" + url + "' of a batch operation is not under "
                    + batch.baseUrl() + ".");
        }
        int q = url.indexOf('?');
        String path = q < 0 ? url : url.substring(0, q);
        String query = q < 0 ? null : url.substring(q + 1);
        if (path.equals("$batch")) {
            throw BcErrors.badRequest("BadRequest", "A $batch request cannot contain another $batch.");
        }
        HeaderMap headers = new HeaderMap();
        op.path("headers").fields().forEachRemaining(e -> headers.add(e.getKey(), e.getValue().asText()));
        JsonNode body = op.get("body");
        byte[] bytes = body == null || body.isNull() ? new byte[0] : Json.bytes(body);
        return new ApiRequest(method, path, query, headers, bytes, batch.baseUrl(), null);
    }

    private static ObjectNode part(JsonNode op, ApiResponse answer) {
        ObjectNode p = Json.object();
        JsonNode id = op.get("id");
        p.set("id", id == null ? null : id);
        p.put("status", answer.status());
        ObjectNode headers = p.putObject("headers");
        List<String> names = new ArrayList<>(answer.headers().asMap().keySet());
        for (String n : names) {
            headers.put(n.toLowerCase(java.util.Locale.ROOT), answer.headers().first(n));
        }
        if (answer.body() != null && answer.body().length > 0) {
            try {
                p.set("body", Json.MAPPER.readTree(new String(answer.body(), StandardCharsets.UTF_8)));
            } catch (IOException e) {
                // an answer body that is not JSON is passed on as text, as Business Central does
                p.put("body", new String(answer.body(), StandardCharsets.UTF_8));
            }
        }
        return p;
    }
}
