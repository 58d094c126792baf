package dev.sluice.businesscentral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.auth.AccessToken;
import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.auth.TokenCredential;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.Secret;
import dev.sluice.core.SluiceException;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.RecordedRequest;
import dev.sluice.testclock.MutableClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class BusinessCentralClientTest {
    static final MutableClock CLOCK = MutableClock.startingNow();
    static Emulator emulator;
    static UUID usa;

    @BeforeAll
    static void start() {
        emulator = Emulator.builder().noAuth(true).clock(CLOCK).seed("bc.customers", 23).seed("bc.items", 8)
                .seed("bc.salesOrders", 2).start();
        usa = emulator.businessCentralCompanyId("production", "CRONUS USA, Inc.");
    }

    @AfterAll
    static void stop() {
        emulator.close();
    }

    static BusinessCentralClient client(String identity, List<Duration> waits, int pageSize) {
        return BusinessCentralClient.builder().apiHost(emulator.baseUrl())
                .tenant(emulator.identity().info().tenantId().toString()).environment("production")
                .credential(StaticTokenCredential.of(identity, "token")).pageSize(pageSize)
                .clock(CLOCK).sleeper(d -> {
                    waits.add(d);
                    CLOCK.advance(d);
                }).build();
    }

    static BusinessCentralClient client() {
        return client("reader", new CopyOnWriteArrayList<>(), 5000);
    }

    static List<RecordedRequest> requests(String fragment) {
        return emulator.stats().recentRequests(10_000).stream().filter(r -> r.url().contains(fragment)).toList();
    }

    static String header(RecordedRequest r, String name) {
        return r.headers().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                .map(e -> String.join(",", e.getValue())).findFirst().orElse(null);
    }

    @Test
    void companiesAreTheEnvironmentsCompaniesAndOneIsFoundByName() {
        List<Company> companies = client().companies();

        assertThat(companies).extracting(Company::name).containsExactly("CRONUS USA, Inc.", "CRONUS Canada, Inc.");
        assertThat(client().company("CRONUS USA, Inc.").id()).isEqualTo(usa);
        assertThat(client().company(usa.toString()).name()).isEqualTo("CRONUS USA, Inc.");
        assertThatThrownBy(() -> client().company("Fabrikam"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessageContaining("CRONUS Canada, Inc.");
    }

    @Test
    void queryFollowsNextLinksWithReadOnlyIntentOnEveryPage() {
        emulator.stats().reset();
        Set<String> numbers = new HashSet<>();

        client("pager", new ArrayList<>(), 5).query(usa, EntityQuery.of("customers").select("number", "displayName"))
                .forEach(e -> numbers.add(e.getString("number")));

        assertThat(numbers).hasSize(23).contains("10000", "230000");
        List<RecordedRequest> pages = requests("/customers");
        assertThat(pages).hasSize(5);
        assertThat(pages).allSatisfy(r -> {
            assertThat(header(r, "Data-Access-Intent")).isEqualTo("ReadOnly");
            assertThat(header(r, "Prefer")).isEqualTo("odata.maxpagesize=5");
        });
    }

    @Test
    void filterWithAQuotedLiteralFindsTheCustomer() {
        String name = client().stream(usa, EntityQuery.of("customers").filter("number eq "
                + EntityQuery.literal("30000"))).findFirst().orElseThrow().getString("displayName");

        List<Entity> found = client().stream(usa, EntityQuery.of("customers")
                .filter("displayName eq " + EntityQuery.literal(name))).toList();

        assertThat(found).extracting(e -> e.getString("number")).containsExactly("30000");
    }

    @Test
    void createUpdateWithEtagAndDelete() {
        BusinessCentralClient c = client();
        Entity created = c.create(usa, "customers", Map.of("displayName", "O'Brien Traders", "city", "Cork"));
        assertThat(created.getString("number")).matches("C\\d{5}");

        Entity updated = c.update(usa, "customers", created.id(), Map.of("city", "Dublin"), created.etag());
        assertThat(updated.getString("city")).isEqualTo("Dublin");

        assertThatThrownBy(() -> c.update(usa, "customers", created.id(), Map.of("city", "Galway"), created.etag()))
                .isInstanceOfSatisfying(BusinessCentralException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.code()).isEqualTo("Request_EntityChanged");
                });
        c.delete(usa, "customers", created.id(), updated.etag());
        assertThat(c.get(usa, "customers", created.id())).isEmpty();
    }

    @Test
    void updateWithoutAnEtagIsRefusedBeforeAnythingIsSent() {
        emulator.stats().reset();

        assertThatThrownBy(() -> client().update(usa, "customers", UUID.randomUUID(), Map.of("city", "x"), null))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT))
                .hasMessageContaining("Business Central requires it");
        assertThat(requests("/customers")).isEmpty();
    }

    @Test
    void takenNumberIsAConflictWithBusinessCentralsCode() {
        assertThatThrownBy(() -> client().create(usa, "customers", Map.of("number", "10000", "displayName", "Twin")))
                .isInstanceOfSatisfying(BusinessCentralException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.CONFLICT);
                    assertThat(e.code()).isEqualTo("Internal_EntityWithSameKeyExists");
                    assertThat(e.getMessage()).startsWith("POST companies(" + usa + ")/customers failed with HTTP 400 "
                            + "(Internal_EntityWithSameKeyExists): The record in table Customer already exists.");
                });
    }

    @Test
    void isolatedBatchUndoesEverythingWhenOneOperationFails() {
        BusinessCentralClient c = client();
        Entity item = c.stream(usa, EntityQuery.of("items").top(1)).findFirst().orElseThrow();
        emulator.stats().reset();

        List<BatchResponse> answers = c.batch(List.of(
                BatchOperation.update(usa, "items", item.id(), Map.of("displayName", "Renamed"), item.etag()),
                BatchOperation.create(usa, "items", Map.of("displayName", "New item")),
                BatchOperation.update(usa, "items", item.id(), Map.of("type", "Invalid Type"), "*")), true);

        assertThat(answers).extracting(BatchResponse::status).containsExactly(200, 201, 400);
        assertThat(answers.get(2).errorKind()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(c.get(usa, "items", item.id()).orElseThrow().getString("displayName"))
                .isEqualTo(item.getString("displayName"));
        assertThat(c.stream(usa, EntityQuery.of("items").filter("displayName eq 'New item'")).count()).isZero();
        assertThat(header(requests("$batch").get(0), "Isolation")).isEqualTo("snapshot");
    }

    @Test
    void salesOrdersComeWithTheirLinesWhenExpanded() {
        Entity order = client().stream(usa, EntityQuery.of("salesOrders").expand("salesOrderLines")).findFirst()
                .orElseThrow();

        @SuppressWarnings("unchecked")
        List<Entity> lines = (List<Entity>) order.get("salesOrderLines");
        assertThat(lines).hasSize(2).allSatisfy(l -> assertThat(l.getString("documentId"))
                .isEqualTo(order.getString("id")));
    }

    @Test
    void throttledRequestsWaitRetryAfterAndThenSucceed() {
        emulator.businessCentralLimits(2, Duration.ofSeconds(30));
        try {
            List<Duration> waits = new CopyOnWriteArrayList<>();
            BusinessCentralClient c = client("throttled", waits, 5000);

            for (int i = 0; i < 3; i++) {
                assertThat(c.companies()).hasSize(2);
            }

            assertThat(waits).isNotEmpty();
            assertThat(waits.get(0)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(30));
        } finally {
            emulator.businessCentralLimits(6000, Duration.ofMinutes(5));
        }
    }

    /** A credential whose identity provider refuses {@code outages} token requests in a passing way, then answers. */
    static TokenCredential identityProviderDown(String identity, AtomicInteger outages) {
        return new TokenCredential() {
            @Override
            public AccessToken token() {
                if (outages.getAndDecrement() > 0) {
                    throw new SluiceException(ErrorKind.TRANSIENT, "the identity provider answered 503");
                }
                return new AccessToken(Secret.of("token"), CLOCK.instant().plusSeconds(3600));
            }

            @Override
            public String identity() {
                return identity;
            }
        };
    }

    @Test
    void aRequestWaitsForTheIdentityProviderAndIsSentOnceItAnswers() {
        List<Duration> waits = new CopyOnWriteArrayList<>();
        BusinessCentralClient c = BusinessCentralClient.builder().apiHost(emulator.baseUrl())
                .tenant(emulator.identity().info().tenantId().toString()).environment("production")
                .credential(identityProviderDown("idp-back", new AtomicInteger(3))).clock(CLOCK).sleeper(d -> {
                    waits.add(d);
                    CLOCK.advance(d);
                }).build();
        emulator.stats().reset();

        assertThat(c.companies()).hasSize(2);

        assertThat(waits).hasSize(3);
        assertThat(requests("/companies")).hasSize(1);
    }

    @Test
    void aRequestThatNeverGotATokenSaysItWasNotSentRatherThanBlamingTheNetwork() {
        BusinessCentralClient c = BusinessCentralClient.builder().apiHost(emulator.baseUrl())
                .tenant(emulator.identity().info().tenantId().toString()).environment("production")
                .credential(identityProviderDown("idp-down", new AtomicInteger(Integer.MAX_VALUE))).clock(CLOCK)
                .sleeper(CLOCK::advance).build();
        emulator.stats().reset();

        assertThatThrownBy(c::companies).isInstanceOfSatisfying(SluiceException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.TRANSIENT))
                .hasMessageContaining("not sent").hasMessageContaining("the identity provider answered 503")
                .hasMessageNotContaining("check the network");
        assertThat(requests("/companies")).isEmpty();
    }

    @Test
    void readOnlyClientRefusesWritesBeforeSending() {
        BusinessCentralClient c = BusinessCentralClient.builder().apiHost(emulator.baseUrl())
                .tenant(emulator.identity().info().tenantId().toString()).environment("production").readOnly(true)
                .credential(StaticTokenCredential.of("ro", "token")).build();

        assertThatThrownBy(() -> c.create(usa, "customers", Map.of("displayName", "x")))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.FORBIDDEN));
    }

    @Test
    void builderNamesWhatIsMissing() {
        assertThatThrownBy(() -> BusinessCentralClient.builder().build())
                .hasMessage("BusinessCentralClientBuilder: missing tenant, environment, credential");
    }
}
