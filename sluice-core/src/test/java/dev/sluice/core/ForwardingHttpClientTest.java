package dev.sluice.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class ForwardingHttpClientTest {
    /** Only the accessors are under test here: its sends refuse. */
    private static final class Plain extends ForwardingHttpClient {
        Plain(HttpClient delegate) {
            super(delegate);
        }

        @Override
        public <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                HttpResponse.BodyHandler<T> handler) {
            throw new UnsupportedOperationException();
        }

        @Override
        public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request,
                HttpResponse.BodyHandler<T> handler, HttpResponse.PushPromiseHandler<T> push) {
            throw new UnsupportedOperationException();
        }
    }

    @Test
    void everyAccessorAnswersWhatTheDelegateWasBuiltWith() {
        HttpClient delegate = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(7))
                .followRedirects(HttpClient.Redirect.NEVER).version(HttpClient.Version.HTTP_1_1)
                .proxy(ProxySelector.of(null)).build();
        HttpClient client = new Plain(delegate);

        assertThat(client.connectTimeout()).contains(Duration.ofSeconds(7));
        assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
        assertThat(client.version()).isEqualTo(HttpClient.Version.HTTP_1_1);
        assertThat(client.proxy()).isEqualTo(delegate.proxy());
        assertThat(client.sslContext()).isSameAs(delegate.sslContext());
        assertThat(client.sslParameters().getProtocols()).isEqualTo(delegate.sslParameters().getProtocols());
        assertThat(client.authenticator()).isEmpty();
        assertThat(client.cookieHandler()).isEmpty();
        assertThat(client.executor()).isEqualTo(delegate.executor());
    }
}
