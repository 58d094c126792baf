package dev.sluice.emulator.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import dev.sluice.testclock.MutableClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ChangeTrackingWireTest {
    @Test
    void trackChangesReturnsRowsAndADeltaLinkThatListsChangesAndDeletions() {
        MutableClock clock = MutableClock.startingAt("2025-03-01T10:00:00Z");
        try (Wire wire = Wire.start(Emulator.builder().noAuth(true).clock(clock).seed("accounts", 3))) {
            HttpResponse<String> first = wire.get("accounts?$select=name", "Prefer", "odata.track-changes");
            assertThat(first.statusCode()).isEqualTo(200);
            assertThat(first.headers().firstValue("Preference-Applied")).hasValue("odata.track-changes");
            JsonNode body = Wire.json(first);
            assertThat(body.get("value")).hasSize(3);
            String deltaLink = body.get("@odata.deltaLink").asText();
            assertThat(deltaLink).startsWith(wire.api("accounts?$select=name&$deltatoken="));

            UUID gone = UUID.fromString(body.get("value").get(0).get("accountid").asText());
            UUID added = TestRows.insert(wire.emulator(), "account", Map.of("name", "New"));
            TestRows.delete(wire.emulator(), "account", gone);

            JsonNode delta = Wire.json(wire.send("GET", deltaLink, null));
            assertThat(delta.get("@odata.context").asText()).isEqualTo(wire.api("$metadata#accounts(name)/$delta"));
            assertThat(delta.get("value")).hasSize(2);
            assertThat(delta.get("value").get(0).get("accountid").asText()).isEqualTo(added.toString());
            JsonNode deleted = delta.get("value").get(1);
            assertThat(deleted.get("@odata.context").asText()).isEqualTo(wire.api("$metadata#accounts/$deletedEntity"));
            assertThat(deleted.get("id").asText()).isEqualTo(gone.toString());
            assertThat(deleted.get("reason").asText()).isEqualTo("deleted");

            JsonNode again = Wire.json(wire.send("GET", delta.get("@odata.deltaLink").asText(), null));
            assertThat(again.get("value")).isEmpty();
        }
    }

    @Test
    void filterWithTrackingIsRefused() {
        try (Wire wire = Wire.startNoAuth()) {
            HttpResponse<String> r = wire.get("accounts?$filter=name%20eq%20'x'", "Prefer", "odata.track-changes");
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(Wire.json(r).at("/error/message").asText())
                    .isEqualTo("The \"$filter\" query parameter isn't supported when Change Tracking is enabled.");
        }
    }

    @Test
    void expiredOrForeignTokensAreRefused() {
        MutableClock clock = MutableClock.startingAt("2025-03-01T10:00:00Z");
        try (Wire wire = Wire.start(Emulator.builder().noAuth(true).clock(clock))) {
            String link = Wire.json(wire.get("accounts?$select=name", "Prefer", "odata.track-changes"))
                    .get("@odata.deltaLink").asText();
            clock.advance(Duration.ofDays(8));
            HttpResponse<String> expired = wire.send("GET", link, null);
            assertThat(expired.statusCode()).isEqualTo(400);
            assertThat(Wire.json(expired).at("/error/code").asText()).isEqualTo("0x80044352");
            assertThat(Wire.json(expired).at("/error/message").asText()).contains("expired");
            HttpResponse<String> foreign = wire.get("accounts?$deltatoken=garbage");
            assertThat(foreign.statusCode()).isEqualTo(400);
            assertThat(Wire.json(foreign).at("/error/code").asText()).isEqualTo("0x80044352");
        }
    }
}
