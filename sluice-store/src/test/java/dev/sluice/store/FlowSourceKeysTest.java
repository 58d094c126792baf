package dev.sluice.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What a change-tracking flow remembers of its source rows (source id → the target key it was written under), on H2
 * and PostgreSQL: saved with a chunk, looked up by id and by key, sealed, and re-encrypted on rotation.
 */
@ExtendWith(StoreExtension.class)
class FlowSourceKeysTest {
    private static final String ID = "5f2c1a9e-0000-4000-8000-000000000007";

    private static FlowStore.SourceKey key(String json) {
        return new FlowStore.SourceKey(json, "5eb63bbbe01eeed0");
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aSavedChunkRemembersEachSourceRowsKeyAndAForgottenOneIsGone(Backend backend,
            StoreExtension.Fixtures fixtures) {
        FlowStore flows = fixtures.create(backend).open().flows();
        FlowRun run = flows.startRun("accounts", false);
        assertThat(flows.hasSourceKeys("accounts")).isFalse();
        Map<String, FlowStore.SourceKey> remember = new LinkedHashMap<>();
        for (int i = 0; i < 1200; i++) {
            remember.put("id-" + i, key("[\"ACC-" + i + "\"]"));
        }
        flows.saveChunk(run.id(), "accounts", "{\"mode\":\"change-tracking\"}", FlowCounts.ZERO, List.of(), null,
                new FlowStore.SourceKeyChanges(remember, Set.of()));

        assertThat(flows.hasSourceKeys("accounts")).isTrue();
        assertThat(flows.hasSourceKeys("other")).isFalse();
        assertThat(flows.sourceKeys("accounts", List.of("id-0", "id-1199", "id-unknown")))
                .containsOnly(Map.entry("id-0", key("[\"ACC-0\"]")), Map.entry("id-1199", key("[\"ACC-1199\"]")));
        assertThat(flows.sourceKeys("other", List.of("id-0"))).isEmpty();

        flows.saveChunk(run.id(), "accounts", null, FlowCounts.ZERO, List.of(), null, new FlowStore.SourceKeyChanges(
                Map.of("id-1", new FlowStore.SourceKey("[\"ACC-NEW\"]", "00ff")), Set.of("id-0")));
        assertThat(flows.sourceKeys("accounts", List.of("id-0", "id-1"))).containsOnly(
                Map.entry("id-1", new FlowStore.SourceKey("[\"ACC-NEW\"]", "00ff")));
        assertThat(flows.checkpoint("accounts")).contains("{\"mode\":\"change-tracking\"}");

        flows.deleteSourceKeys("accounts");
        assertThat(flows.hasSourceKeys("accounts")).isFalse();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void aKeyIsInUseWhileAnotherSourceRowIsRememberedUnderIt(Backend backend, StoreExtension.Fixtures fixtures) {
        FlowStore flows = fixtures.create(backend).open().flows();
        FlowRun run = flows.startRun("accounts", false);
        flows.saveChunk(run.id(), "accounts", null, FlowCounts.ZERO, List.of(), null, new FlowStore.SourceKeyChanges(
                Map.of("a", key("[\"K1\"]"), "b", key("[\"K1\"]"), "c", key("[\"K2\"]")), Set.of()));

        assertThat(flows.sourceKeysInUse("accounts", List.of("[\"K1\"]", "[\"K2\"]", "[\"K3\"]"), List.of("a")))
                .containsExactlyInAnyOrder("[\"K1\"]", "[\"K2\"]");
        assertThat(flows.sourceKeysInUse("accounts", List.of("[\"K1\"]", "[\"K2\"]"), List.of("a", "b", "c")))
                .isEmpty();
        assertThat(flows.sourceKeysInUse("other", List.of("[\"K1\"]"), List.of())).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(Backend.class)
    void theIdsAndKeysAreStoredOnlySealedAndSurviveARotation(Backend backend, StoreExtension.Fixtures fixtures) {
        StoreFixture f = fixtures.create(backend);
        SluiceStore store = f.open();
        FlowRun run = store.flows().startRun("accounts", false);
        store.flows().saveChunk(run.id(), "accounts", null, FlowCounts.ZERO, List.of(), null,
                new FlowStore.SourceKeyChanges(Map.of(ID, key("[\"CLEAR-ACCOUNT-NUMBER-42\"]")), Set.of()));

        String dump = f.sql(c -> {
            StringBuilder out = new StringBuilder();
            for (String table : List.of("flow_source_keys", "flow_hash_keys")) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM " + table)) {
                    while (rs.next()) {
                        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                            Object v = rs.getObject(i);
                            out.append(v instanceof byte[] b ? new String(b, StandardCharsets.ISO_8859_1) : v)
                                    .append('|');
                        }
                    }
                }
            }
            return out.toString();
        });
        assertThat(dump).contains("accounts").doesNotContain("CLEAR-ACCOUNT-NUMBER-42").doesNotContain(ID);

        long old = store.keyset().list().get(0).id();
        store.keyset().rotate();
        assertThat(store.keyset().reencrypt()).isEqualTo(2); // the row and the flow's hash key
        store.keyset().delete(old);
        store.close();

        FlowStore reopened = f.open().flows();
        assertThat(reopened.sourceKeys("accounts", List.of(ID))).containsOnly(
                Map.entry(ID, key("[\"CLEAR-ACCOUNT-NUMBER-42\"]")));
        List<String> inUse = new ArrayList<>(reopened.sourceKeysInUse("accounts",
                List.of("[\"CLEAR-ACCOUNT-NUMBER-42\"]"), List.of()));
        assertThat(inUse).containsExactly("[\"CLEAR-ACCOUNT-NUMBER-42\"]");
    }
}
