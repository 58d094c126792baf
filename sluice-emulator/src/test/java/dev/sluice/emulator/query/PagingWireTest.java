package dev.sluice.emulator.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import dev.sluice.emulator.internal.data.OrgStore;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class PagingWireTest {
    static Wire wire;

    @BeforeAll
    static void start() {
        wire = Wire.start(Emulator.builder().noAuth(true).seed("accounts", 25));
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    static final String PAGE_10 = "odata.maxpagesize=10";

    @Test
    void maxPageSizeIsEchoedAndTheNextLinkCarriesAPagingCookie() {
        HttpResponse<String> r = wire.get("accounts?$select=name", "Prefer", PAGE_10);
        assertThat(r.headers().firstValue("Preference-Applied")).hasValue(PAGE_10);
        JsonNode body = Wire.json(r);
        assertThat(body.get("value")).hasSize(10);
        String next = body.get("@odata.nextLink").asText();
        assertThat(next).startsWith(wire.api("accounts?$select=name&$skiptoken=%3Ccookie%20pagenumber=%222%22%20"
                + "pagingcookie=%22%253ccookie%2520page%253d%25221%2522%253e%253caccountid%2520last%253d%2522%257b"));
        assertThat(next).endsWith("%22%20istracking=%22False%22%20/%3E");
        String token = URLDecoder.decode(next.substring(next.indexOf("$skiptoken=") + 11), StandardCharsets.UTF_8);
        assertThat(token).matches("<cookie pagenumber=\"2\" pagingcookie=\"[^\"]+\" istracking=\"False\" />");
    }

    @Test
    void orderingByDatesWithinOneSecondPagesEveryRowOnce() {
        try (Wire w = Wire.start(Emulator.builder().noAuth(true))) {
            java.time.Instant second = java.time.Instant.parse("2024-05-01T10:00:00Z");
            for (int i = 0; i < 9; i++) {
                TestRows.insert(w.emulator(), "account", Map.of("name", "D" + i, "lastusedincampaign",
                        second.plusMillis(100L * ((i * 7) % 9))));
            }
            List<String> names = new ArrayList<>();
            String url = w.api("accounts?$select=name&$orderby=lastusedincampaign%20desc");
            while (url != null) {
                JsonNode body = Wire.json(w.send("GET", url, null, "Prefer", "odata.maxpagesize=2"));
                body.get("value").forEach(v -> names.add(v.get("name").asText()));
                url = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
            }
            assertThat(names).hasSize(9).doesNotHaveDuplicates();
        }
    }

    @Test
    void followingNextLinksReturnsEveryRowOnce() {
        assertThat(scan("accounts?$select=name", null)).hasSize(25).doesNotHaveDuplicates();
    }

    @Test
    void orderingByThePrimaryKeyPagesEveryRowOnceInIdOrder() {
        List<String> ids = new ArrayList<>();
        String url = wire.api("accounts?$select=accountid&$orderby=accountid");
        while (url != null) {
            JsonNode body = Wire.json(wire.send("GET", url, null, "Prefer", "odata.maxpagesize=7"));
            body.get("value").forEach(v -> ids.add(v.get("accountid").asText()));
            url = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(java.util.Comparator.comparing(java.util.UUID::fromString));
        assertThat(ids).hasSize(25).doesNotHaveDuplicates().isEqualTo(sorted);
    }

    @Test
    void orderedPagingReturnsEveryRowOnceInOrder() {
        List<String> names = new ArrayList<>();
        String url = wire.api("accounts?$select=name&$orderby=name%20desc");
        while (url != null) {
            JsonNode body = Wire.json(wire.send("GET", url, null, "Prefer", "odata.maxpagesize=7"));
            body.get("value").forEach(v -> names.add(v.get("name").asText()));
            url = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
        }
        List<String> sorted = new ArrayList<>(names);
        sorted.sort(String.CASE_INSENSITIVE_ORDER.reversed());
        assertThat(names).hasSize(25).isEqualTo(sorted);
    }

    @Test
    void pagingIsStableWhileRowsAreInsertedAndDeletedBetweenPages() {
        try (Wire own = Wire.start(Emulator.builder().noAuth(true).seed("accounts", 25))) {
            stableWhileWriting(own);
        }
    }

    private static void stableWhileWriting(Wire wire) {
        OrgStore store = wire.emulator().context().store();
        Set<UUID> before = new HashSet<>(store.read(() -> store.rows(store.schema().table("account")).keySet()));
        List<UUID> seen = new ArrayList<>();
        List<UUID> deleted = new ArrayList<>();
        String url = wire.api("accounts?$select=name");
        int page = 0;
        while (url != null) {
            JsonNode body = Wire.json(wire.send("GET", url, null, "Prefer", "odata.maxpagesize=4"));
            body.get("value").forEach(v -> seen.add(UUID.fromString(v.get("accountid").asText())));
            url = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
            if (page++ == 1) {
                TestRows.insert(wire.emulator(), "account", Map.of("name", "new 1"));
                TestRows.insert(wire.emulator(), "account", Map.of("name", "new 2"));
                UUID victim = before.stream().filter(id -> !seen.contains(id)).findFirst().orElseThrow();
                TestRows.delete(wire.emulator(), "account", victim);
                deleted.add(victim);
            }
        }
        Set<UUID> throughout = new HashSet<>(before);
        throughout.removeAll(deleted);
        assertThat(seen).doesNotHaveDuplicates().containsAll(throughout).doesNotContainAnyElementsOf(deleted);
    }

    @Test
    void topLimitsRowsWithoutNextLinkButIsIgnoredWithMaxPageSize() {
        JsonNode top = Wire.json(wire.get("accounts?$select=name&$top=5"));
        assertThat(top.get("value")).hasSize(5);
        assertThat(top.has("@odata.nextLink")).isFalse();
        JsonNode paged = Wire.json(wire.get("accounts?$select=name&$top=5", "Prefer", "odata.maxpagesize=10"));
        assertThat(paged.get("value")).hasSize(10);
        assertThat(paged.has("@odata.nextLink")).isTrue();
    }

    @Test
    void malformedSkipTokenIsA400() {
        HttpResponse<String> r = wire.get("accounts?$skiptoken=%3Ccookie%20nonsense");
        assertThat(r.statusCode()).isEqualTo(400);
        assertThat(Wire.json(r).at("/error/message").asText()).startsWith("The $skiptoken is not a valid paging cookie");
    }

    private List<UUID> scan(String relative, String prefer) {
        List<UUID> ids = new ArrayList<>();
        String url = wire.api(relative);
        while (url != null) {
            JsonNode body = Wire.json(wire.send("GET", url, null, "Prefer", prefer == null ? PAGE_10 : prefer));
            body.get("value").forEach(v -> ids.add(UUID.fromString(v.get("accountid").asText())));
            url = body.has("@odata.nextLink") ? body.get("@odata.nextLink").asText() : null;
        }
        return ids;
    }
}
