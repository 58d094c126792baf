package dev.sluice.emulator.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Wire;
import dev.sluice.emulator.internal.data.OrgStore;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.HeaderMap;
import dev.sluice.emulator.internal.query.ReadHandler;
import dev.sluice.emulator.internal.schema.TableDef;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The representation body the row writes use for {@code Prefer: return=representation} (not on the wire yet). */
class RepresentationTest {
    @Test
    void representationHonoursSelectAndCarriesContextAndEtag() throws Exception {
        try (Wire wire = Wire.startNoAuth()) {
            UUID id = TestRows.insert(wire.emulator(), "account", Map.of("name", "Contoso", "accountnumber", "A-9"));
            OrgStore store = wire.emulator().context().store();
            TableDef account = store.schema().table("account");
            Row row = store.read(() -> store.get(account, id));
            String base = wire.api("");
            ReadHandler reads = new ReadHandler(wire.emulator().context());

            ApiRequest selected = new ApiRequest("POST", "accounts", "$select=name,accountnumber", new HeaderMap(),
                    new byte[0], base, null);
            JsonNode body = Wire.JSON.readTree(reads.representation(selected, account, row));
            assertThat(body.get("@odata.context").asText()).isEqualTo(base + "$metadata#accounts(name,accountnumber)/$entity");
            assertThat(body.get("@odata.etag").asText()).isEqualTo(row.etag());
            assertThat(body.get("name").asText()).isEqualTo("Contoso");
            assertThat(body.get("accountid").asText()).isEqualTo(id.toString());
            assertThat(body.has("revenue")).isFalse();

            ApiRequest all = new ApiRequest("PATCH", "accounts(" + id + ")", null, new HeaderMap(), new byte[0], base,
                    null);
            JsonNode full = Wire.JSON.readTree(reads.representation(all, account, row));
            assertThat(full.get("@odata.context").asText()).isEqualTo(base + "$metadata#accounts/$entity");
            assertThat(full.has("revenue")).isTrue();
        }
    }
}
