package dev.sluice.bench.macro;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.auth.OAuthClient;
import dev.sluice.auth.OAuthEndpoints;
import dev.sluice.auth.RefreshingTokenCredential;
import dev.sluice.auth.TokenClient;
import dev.sluice.auth.TokenPersistence;
import dev.sluice.core.Secret;
import dev.sluice.dataverse.DataverseClient;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Figure 4: many threads call the Web API ({@code WhoAmI}) through one {@link DataverseClient} whose
 * {@link RefreshingTokenCredential} gets tokens by client credentials from the emulator's identity
 * platform (the demo directory's service app), while every access token is expired again and again
 * through the admin hook. Each expiry turns the requests in flight into 401s; the target is one token
 * request per expiry (counted by the emulator's identity platform) and no failed call.
 */
final class TokenRefreshBenchmark {
    /** The built-in directory's client-credentials app (sluice-emulator/README-identity.md). */
    private static final String SERVICE_APP = "Sluice Service";
    private static final String GRANT = "client_credentials";
    /** Calls that must succeed between two expiries, so every expiry is seen with a fresh token in use. */
    private static final int CALLS_BETWEEN_EXPIRIES = 200;
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    private TokenRefreshBenchmark() {}

    static void run(EmulatorProcess emulator, Sizes sizes, Report report) throws Exception {
        EmulatorAdmin admin = new EmulatorAdmin(emulator);
        JsonNode identity = emulator.info().path("identity");
        JsonNode app = null;
        for (JsonNode a : identity.path("apps")) {
            if (a.path("name").asText().equals(SERVICE_APP)) {
                app = a;
            }
        }
        if (app == null || identity.path("tenantId").asText().isEmpty()) {
            throw new IllegalStateException("the emulator's info file has no '" + SERVICE_APP + "' app; is the CLI jar "
                    + "older than its identity info?");
        }
        String clientId = app.path("clientId").asText();
        String origin = emulator.orgUrl().replaceAll("/+$", "");
        TokenClient tokens = new TokenClient(OAuthEndpoints.microsoft(URI.create(origin),
                identity.path("tenantId").asText()), OAuthClient.withSecret(clientId,
                Secret.of(app.path("secrets").path(0).asText())), Clock.systemUTC(), Duration.ofSeconds(30));
        // the emulator's tokens live 60-90 minutes, so only the expiries make the credential refresh
        RefreshingTokenCredential credential = new RefreshingTokenCredential("bench-token", tokens,
                List.of(origin + "/.default"), true, TokenPersistence.inMemory(null), Clock.systemUTC(),
                Duration.ofMinutes(5));
        DataverseClient client = DataverseClient.builder().orgUrl(origin).credential(credential).build();
        client.whoAmI(); // the first token, before counting starts
        String countPath = "identity/token-requests?grant_type=" + GRANT + "&client_id="
                + URLEncoder.encode(clientId, StandardCharsets.UTF_8);
        admin.delete("identity/token-requests");
        admin.delete("stats");

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong calls = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < sizes.tokenThreads(); i++) {
            Thread t = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        client.whoAmI();
                        calls.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e);
                    }
                }
            }, "bench-token-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        long t0 = System.nanoTime();
        threads.forEach(Thread::start);
        try {
            for (int e = 1; e <= sizes.tokenExpiries(); e++) {
                awaitCalls(calls, calls.get() + CALLS_BETWEEN_EXPIRIES);
                admin.post("identity/access-tokens/expire", "{}");
                awaitTokenRequests(admin, countPath, e);
            }
            awaitCalls(calls, calls.get() + CALLS_BETWEEN_EXPIRIES);
        } finally {
            stop.set(true);
            for (Thread t : threads) {
                t.join(STEP_TIMEOUT.toMillis());
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        long tokenRequests = admin.get(countPath).path("total").asLong();
        long unauthorized = 0;
        for (JsonNode r : admin.get("stats").path("requests")) {
            if (r.path("status").asInt() == 401) {
                unauthorized += r.path("count").asLong();
            }
        }
        int expiries = sizes.tokenExpiries();
        report.add(new Figure("token refresh: token requests for " + expiries + " expiries", "requests", tokenRequests,
                Double.NaN, expiries, true, false, false, String.format("%d threads called WhoAmI through one client "
                        + "for %.1f s (%,d calls); every access token was expired %d times (POST /_emulator/identity/"
                        + "access-tokens/expire), each only after the last refresh was seen, so fewer than %d is "
                        + "impossible and %d is exactly one client-credentials request per expiry; the emulator "
                        + "answered %,d calls 401 and each was sent once more with the new token", sizes.tokenThreads(),
                        seconds, calls.get(), expiries, expiries, expiries, unauthorized)));
        Throwable first = firstFailure.get();
        report.add(new Figure("token refresh: failed Web API calls", "calls", failures.get(), Double.NaN, 0, true, false,
                false, first == null ? "of " + String.format("%,d", calls.get() + failures.get()) + " calls"
                        : "first failure: " + first.getClass().getSimpleName() + ": " + first.getMessage()));
    }

    private static void awaitCalls(AtomicLong calls, long target) throws InterruptedException {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (calls.get() < target) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the Web API calls stalled at " + calls.get());
            }
            Thread.sleep(2);
        }
    }

    private static void awaitTokenRequests(EmulatorAdmin admin, String countPath, int expected) throws Exception {
        long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
        while (admin.get(countPath).path("total").asLong() < expected) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no token request followed expiry " + expected + " within "
                        + STEP_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(2);
        }
    }
}
