package dev.sluice.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Raw HTTP against a running emulator, for wire tests: no Sluice client code, just the JDK
 * {@link HttpClient}, so tests see exactly the statuses, headers and bodies a client would.
 */
public final class Wire implements AutoCloseable {
    public static final ObjectMapper JSON = new ObjectMapper();
    private final Emulator emulator;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).version(HttpClient.Version.HTTP_1_1).build();

    private Wire(Emulator emulator) {
        this.emulator = emulator;
    }

    /** Starts an emulator with Web API tokens not checked ({@code noAuth}). */
    public static Wire start(EmulatorBuilder builder) {
        return new Wire(builder.start());
    }

    public static Wire startNoAuth() {
        return start(Emulator.builder().noAuth(true));
    }

    public Emulator emulator() {
        return emulator;
    }

    /** Absolute URL of a Web API path, e.g. {@code api("accounts?$top=1")}. */
    public String api(String relative) {
        return emulator.webApiUrl() + relative;
    }

    /** GET a Web API path with the standard OData headers plus {@code headers} (name, value, ...). */
    public HttpResponse<String> get(String relative, String... headers) {
        return send("GET", api(relative), null, headers);
    }

    /** Any method on a Web API path; a non-null body is sent as JSON. */
    public HttpResponse<String> call(String method, String relative, String body, String... headers) {
        return send(method, api(relative), body, headers);
    }

    /** Any method on an absolute URL. */
    public HttpResponse<String> send(String method, String url, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        b.header("Accept", "application/json").header("OData-MaxVersion", "4.0").header("OData-Version", "4.0");
        b.header("Authorization", "Bearer test-token");
        boolean hasContentType = false;
        for (int i = 0; i + 1 < headers.length; i += 2) {
            if (headers[i].equalsIgnoreCase("Authorization")) {
                b.setHeader(headers[i], headers[i + 1]);
                continue;
            }
            hasContentType |= headers[i].equalsIgnoreCase("Content-Type");
            b.header(headers[i], headers[i + 1]);
        }
        if (body != null && !hasContentType) {
            b.header("Content-Type", "application/json; charset=utf-8");
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        try {
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + response.body(), e);
        }
    }

    public HttpClient http() {
        return http;
    }

    @Override
    public void close() {
        emulator.close();
    }
}
