package dev.sluice.server.internal;

import dev.sluice.core.ForwardingHttpClient;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.IntConsumer;

/** A JDK {@link HttpClient} that reports each answer's status (0 for a failure) and otherwise delegates. Thread-safe. */
final class CountingHttpClient extends ForwardingHttpClient {
    private final IntConsumer status;

    CountingHttpClient(HttpClient delegate, IntConsumer status) {
        super(delegate);
        this.status = status;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        try {
            HttpResponse<T> r = delegate().send(request, handler);
            status.accept(r.statusCode());
            return r;
        } catch (IOException | RuntimeException e) {
            status.accept(0);
            throw e;
        }
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        return delegate().sendAsync(request, handler)
                .whenComplete((r, e) -> status.accept(r == null ? 0 : r.statusCode()));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> push) {
        return delegate().sendAsync(request, handler, push)
                .whenComplete((r, e) -> status.accept(r == null ? 0 : r.statusCode()));
    }
}
