package dev.sluice.core.internal;

import dev.sluice.core.ForwardingHttpClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * A JDK {@link HttpClient} that runs a check on each request's URI before handing it to the delegate; a check that
 * throws stops the request before anything is sent. The request may then be adjusted (a proxy's credentials added),
 * failures to send go through a translator (which may name the proxy or the TLS problem), and each answer through a
 * check (a proxy's 407). Internal to {@code dev.sluice.core.OutboundHttp}. Thread-safe.
 */
public final class PolicyHttpClient extends ForwardingHttpClient {
    /** Turns a failure to send into the exception to throw (an IOException, or throws a SluiceException). */
    @FunctionalInterface
    public interface Failures {
        IOException translate(URI uri, IOException e);
    }

    /** Looks at an answer before the caller does; throws to refuse it. */
    @FunctionalInterface
    public interface Answers {
        void check(URI uri, int status, HttpHeaders headers);
    }

    private final Consumer<URI> check;
    private final UnaryOperator<HttpRequest> adjust;
    private final Failures failures;
    private final Answers answers;

    public PolicyHttpClient(HttpClient delegate, Consumer<URI> check) {
        this(delegate, check, r -> r, (uri, e) -> e, (uri, status, headers) -> { });
    }

    public PolicyHttpClient(HttpClient delegate, Consumer<URI> check, UnaryOperator<HttpRequest> adjust,
            Failures failures, Answers answers) {
        super(delegate);
        this.check = check;
        this.adjust = adjust;
        this.failures = failures;
        this.answers = answers;
    }

    @Override
    public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler)
            throws IOException, InterruptedException {
        check.accept(request.uri());
        HttpResponse<T> r;
        try {
            r = delegate().send(adjust.apply(request), handler);
        } catch (IOException e) {
            throw failures.translate(request.uri(), e);
        }
        answers.check(request.uri(), r.statusCode(), r.headers());
        return r;
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            check.accept(request.uri());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return watched(request.uri(), delegate().sendAsync(adjust.apply(request), handler));
    }

    @Override
    public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, HttpResponse.BodyHandler<T> handler,
            HttpResponse.PushPromiseHandler<T> push) {
        try {
            check.accept(request.uri());
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        return watched(request.uri(), delegate().sendAsync(adjust.apply(request), handler, push));
    }

    private <T> CompletableFuture<HttpResponse<T>> watched(URI uri, CompletableFuture<HttpResponse<T>> sent) {
        return sent.handle((r, e) -> {
            if (e != null) {
                Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                        ? e.getCause() : e;
                Throwable out = cause;
                if (cause instanceof IOException io) {
                    try {
                        out = failures.translate(uri, io);
                    } catch (RuntimeException translated) {
                        out = translated;
                    }
                }
                throw new java.util.concurrent.CompletionException(out);
            }
            answers.check(uri, r.statusCode(), r.headers());
            return r;
        });
    }
}
