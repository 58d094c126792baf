package dev.sluice.server.internal;

import io.javalin.http.Handler;
import io.javalin.http.HandlerType;

/**
 * One route of the server: method, path (Javalin syntax, {@code {id}} for parameters), who may call it, and what it
 * does. The route table registers these and the OpenAPI document is generated from the same list. Immutable.
 *
 * @param method HTTP method
 * @param path path with {@code {param}} placeholders
 * @param access who may call it, in words (e.g. {@code read grant}, {@code admin}, {@code public})
 * @param summary one line for the OpenAPI document
 * @param handler what runs
 */
public record ApiRoute(HandlerType method, String path, String access, String summary, Handler handler) {
    /** Whether the route is open to callers that are not signed in (it may check a credential of its own). */
    public boolean isPublic() {
        return access.startsWith("public");
    }
}
