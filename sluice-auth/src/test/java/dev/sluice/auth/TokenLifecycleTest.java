package dev.sluice.auth;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.sluice.core.Secret;
import dev.sluice.store.AuthMethod;
import dev.sluice.store.AuthSettings;
import dev.sluice.store.CallbackMode;
import dev.sluice.store.Connection;
import dev.sluice.store.ConnectionSettings;
import dev.sluice.store.OrgUrl;
import dev.sluice.store.SluiceStore;
import dev.sluice.testing.EmulatorBrowser;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The token lifecycle under load: many threads, many expiries, exactly one refresh per expiry — in one
 * JVM and across two store instances on one PostgreSQL database — and no token or secret in the
 * database files or the logs.
 */
class TokenLifecycleTest {
    static final String DANA = "dana@demo.sluice.dev";
    static final String ROOT = "ROOT";

    @TempDir
    Path home;
    EmulatedOrg org;
    ListAppender<ILoggingEvent> logs = new ListAppender<>();

    @BeforeEach
    void start() {
        logs.start();
        ((Logger) LoggerFactory.getLogger(ROOT)).addAppender(logs);
        org = new EmulatedOrg(home);
    }

    @AfterEach
    void stop() {
        ((Logger) LoggerFactory.getLogger(ROOT)).detachAppender(logs);
        org.close();
    }

    private Connection danaConnection(SluiceStore store, String name) {
        AuthSettings auth = new AuthSettings(AuthMethod.AUTHORIZATION_CODE, org.app("Sluice CLI").clientId().toString(),
                null, CallbackMode.LOOPBACK, null, null, null, null);
        return store.connections().create(new ConnectionSettings(name, null, OrgUrl.parse(org.emulator.orgUrl()),
                null, null, org.tenant(), auth, null), "alice");
    }

    private void signIn(ConnectionAuthorizer authorizer, Connection c) {
        authorizer.authorizeInBrowser(c, "alice",
                url -> new EmulatorBrowser().signIn(url, DANA, org.password().reveal()), Duration.ofSeconds(30));
    }

    /** Calls WhoAmI from {@code threads} threads {@code calls} times each; returns the number of failures. */
    private int hammer(List<TokenCredential> credentials, int threads, int calls) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                TokenCredential credential = credentials.get(t % credentials.size());
                done.add(pool.submit(() -> {
                    for (int i = 0; i < calls; i++) {
                        try {
                            HttpResponse<String> r = whoAmI(http, credential);
                            if (r.statusCode() != 200) {
                                failures.incrementAndGet();
                                System.out.println("FAILED CALL: HTTP " + r.statusCode() + " " + r.body());
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                            System.out.println("FAILED CALL: " + e);
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return failures.get();
    }

    /**
     * One WhoAmI with the credential's current token. Like every HTTP client that reuses keep-alive
     * connections, it resends once when a pooled connection turns out closed before any answer (the
     * product's pipeline does the same for reads); an HTTP error is never resent.
     */
    private HttpResponse<String> whoAmI(HttpClient http, TokenCredential credential) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(org.emulator.webApiUrl() + "WhoAmI"))
                .header("Authorization", "Bearer " + credential.token().value().reveal()).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException stalePooledConnection) {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void thirtyTwoThreadsThroughTenExpiriesRefreshExactlyTenTimes() throws Exception {
        Connection c = danaConnection(org.store, "load");
        signIn(org.authorizer, c);
        TokenCredential credential = org.credentials.credential(c);
        org.emulator.identity().resetTokenRequestCounts();
        int failures = 0;
        for (int expiry = 0; expiry < 10; expiry++) {
            org.clock.advance(Duration.ofMinutes(61)); // past expiry
            failures += hammer(List.of(credential), 32, 5);
        }
        String cli = org.app("Sluice CLI").clientId().toString();
        assertThat(org.emulator.identity().tokenRequests("refresh_token", cli)).isEqualTo(10);
        assertThat(failures).isZero();
    }

    @Test
    void twoStoreInstancesOnOnePostgresRefreshOncePerExpiry() throws Exception {
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start()) {
            String url = "jdbc:postgresql://localhost:" + pg.getPort() + "/postgres";
            Secret keyset = Secret.of(Files.readString(home.resolve("keyset.json")));
            try (SluiceStore a = SluiceStore.builder().jdbcUrl(url).user("postgres").keyset(keyset).clock(org.clock)
                    .build();
                    SluiceStore b = SluiceStore.builder().jdbcUrl(url).user("postgres").keyset(keyset)
                            .clock(org.clock).build()) {
                Connection c = danaConnection(a, "shared");
                ConnectionCredentials ca = new ConnectionCredentials(a, org.clock);
                ConnectionCredentials cb = new ConnectionCredentials(b, org.clock);
                signIn(new ConnectionAuthorizer(ca), c);
                Connection seenByB = b.connections().get("shared").orElseThrow();
                List<TokenCredential> nodes = List.of(ca.credential(c), cb.credential(seenByB));
                org.emulator.identity().resetTokenRequestCounts();
                int failures = 0;
                for (int expiry = 0; expiry < 5; expiry++) {
                    org.clock.advance(Duration.ofMinutes(61));
                    failures += hammer(nodes, 16, 3);
                }
                String cli = org.app("Sluice CLI").clientId().toString();
                assertThat(org.emulator.identity().tokenRequests("refresh_token", cli)).isEqualTo(5);
                assertThat(failures).isZero();

                // the clear tokens and secrets are nowhere in the tables
                var tokens = a.tokens().get(c.id()).orElseThrow();
                StringBuilder dump = new StringBuilder();
                try (var conn = pg.getPostgresDatabase().getConnection(); Statement s = conn.createStatement()) {
                    for (String table : List.of("connections", "connection_secrets", "connection_tokens",
                            "auth_sessions", "audit_events")) {
                        try (ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                            while (rs.next()) {
                                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                                    Object v = rs.getObject(i);
                                    dump.append(v instanceof byte[] bytes ? new String(bytes, StandardCharsets.ISO_8859_1)
                                            : String.valueOf(v)).append('\n');
                                }
                            }
                        }
                    }
                }
                assertThat(dump).contains("shared");
                assertThat(dump.toString()).doesNotContain(tokens.accessToken().reveal())
                        .doesNotContain(tokens.refreshToken().reveal());
            }
        }
    }

    @Test
    void noTokenOrSecretInTheH2FileOrTheLogs() throws Exception {
        Connection dana = danaConnection(org.store, "dana");
        signIn(org.authorizer, dana);
        Connection svc = org.serviceConnection("svc");
        org.authorizer.authorizeClientCredentials(svc, "alice");
        org.clock.advance(Duration.ofMinutes(61));
        org.credentials.credential(dana).token(); // a refresh too
        var danaTokens = org.store.tokens().get(dana.id()).orElseThrow();
        var svcTokens = org.store.tokens().get(svc.id()).orElseThrow();
        List<String> secrets = List.of(danaTokens.accessToken().reveal(), danaTokens.refreshToken().reveal(),
                svcTokens.accessToken().reveal(), org.app("Sluice Service").secrets().get(0).reveal(),
                org.password().reveal());
        org.store.close();
        byte[] file = Files.readAllBytes(home.resolve("sluice.mv.db"));
        String raw = new String(file, StandardCharsets.ISO_8859_1);
        assertThat(raw).contains("dana"); // the scan can see clear text
        StringBuilder logText = new StringBuilder();
        for (ILoggingEvent e : logs.list) {
            logText.append(e.getFormattedMessage()).append(' ').append(e.getKeyValuePairs()).append('\n');
        }
        assertThat(logText).isNotEmpty();
        for (String s : secrets) {
            assertThat(raw).as("H2 file").doesNotContain(s);
            assertThat(new String(file, StandardCharsets.UTF_16BE)).doesNotContain(s);
            assertThat(logText.toString()).as("logs").doesNotContain(s);
        }
    }
}
