package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.dataverse.DataverseClient;
import dev.sluice.dataverse.Filter;
import dev.sluice.dataverse.Query;
import dev.sluice.dataverse.RecordKey;
import dev.sluice.emulator.Emulator;
import dev.sluice.store.SluiceStore;
import dev.sluice.testing.WithEmulator;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Change-tracking flows with {@code on-delete} that write by a natural key (the account number) rather than the
 * source's id, end to end against the emulator and a real PostgreSQL: a row deleted in Dataverse comes back as its id
 * only, and the flow finds the target row it wrote for that id.
 */
@WithEmulator(noAuth = true, seed = {"accounts=15"})
class NaturalKeyDeletesTest {
    static Emulator emulator;
    static EndToEndFlows flows;
    static DataverseClient client;
    static SluiceStore store;

    @BeforeAll
    static void start() {
        flows = EndToEndFlows.start(emulator, "natural-keys", 25, "pg",
                "CREATE TABLE dw_accounts (number VARCHAR(20) PRIMARY KEY, name VARCHAR(200))",
                "CREATE TABLE dw_marked (number VARCHAR(20) PRIMARY KEY, name VARCHAR(200), "
                        + "deleted_at TIMESTAMP WITH TIME ZONE)",
                "CREATE TABLE dw_swapped (number VARCHAR(20) PRIMARY KEY, name VARCHAR(200))",
                "CREATE TABLE dw_turn (number VARCHAR(20) PRIMARY KEY, name VARCHAR(200))");
        client = flows.client;
        store = flows.store;
    }

    @AfterAll
    static void stop() throws IOException {
        flows.close();
    }

    /** Creates accounts PREFIX-01 … PREFIX-n named "Name PREFIX-i"; answers their ids by number. */
    static Map<String, UUID> accounts(String prefix, int n) {
        Map<String, UUID> ids = new HashMap<>();
        for (int i = 1; i <= n; i++) {
            String number = prefix + "-" + String.format("%02d", i);
            ids.put(number, client.create("account", Map.of("name", "Name " + number, "accountnumber", number)));
        }
        return ids;
    }

    /** Dataverse's accounts whose number starts with the prefix, as "number|name", sorted. */
    static List<String> dataverse(String prefix) {
        return client.query(Query.table("account").select("accountnumber", "name")
                .where(Filter.startsWith("accountnumber", prefix))).stream()
                .map(r -> r.getString("accountnumber") + "|" + r.getString("name")).sorted().toList();
    }

    static void update(UUID id, Map<String, Object> values) {
        client.update("account", RecordKey.of(id), values);
    }

    static void delete(UUID id) {
        client.delete("account", RecordKey.of(id));
    }

    @Test
    void accountsDeletedInDataverseAreDeletedFromATableKeyedByAccountNumber() {
        Map<String, UUID> ids = accounts("DEL", 20);
        String yaml = """
                flow: dw-by-number
                source:
                  connection: crm
                  table: account
                  select: [accountnumber, name]
                  where: "accountnumber != null && accountnumber.startsWith('DEL-')"
                  incremental: change-tracking
                map: { number: accountnumber, name: name }
                target: { connection: pg, table: dw_accounts, write: upsert, key: [number], chunk-size: 4, on-delete: delete }
                """;
        RunSummary first = flows.run(yaml);
        assertThat(first.created()).isEqualTo(20);
        assertThat(flows.rows("SELECT number || '|' || name FROM dw_accounts ORDER BY 1")).isEqualTo(dataverse("DEL-"));

        delete(ids.get("DEL-01"));
        delete(ids.get("DEL-02"));
        delete(ids.get("DEL-03"));
        update(ids.get("DEL-04"), Map.of("accountnumber", "DEL-40"));          // its key changed
        update(ids.get("DEL-05"), Map.of("accountnumber", "OTHER-05"));        // no longer matches where
        update(ids.get("DEL-06"), Map.of("name", "Renamed DEL-06"));
        update(ids.get("DEL-07"), Map.of("telephone1", "+31 20 555 0107"));    // a column the flow does not write
        UUID seeded = client.query(Query.table("account").select("accountid")
                .where(Filter.startsWith("accountnumber", "ACC-"))).stream().findFirst().orElseThrow()
                .getUuid("accountid");
        delete(seeded);                                                         // never written by the flow
        UUID brief = client.create("account", Map.of("name", "Brief", "accountnumber", "DEL-99"));
        delete(brief);                                                          // created and gone between runs
        accounts("DEL-NEW", 1);

        RunSummary delta = flows.run(yaml);
        assertThat(flows.rows("SELECT number || '|' || name FROM dw_accounts ORDER BY 1")).isEqualTo(dataverse("DEL-"))
                .hasSize(17).contains("DEL-40|Name DEL-04", "DEL-06|Renamed DEL-06", "DEL-NEW-01|Name DEL-NEW-01")
                .noneMatch(r -> r.startsWith("DEL-01|") || r.startsWith("DEL-04|") || r.startsWith("DEL-05|"));
        assertThat(delta.read()).isEqualTo(10);
        assertThat(delta.deleted()).as("3 deleted, 1 left behind by a new key, 1 no longer matching where")
                .isEqualTo(5);
        assertThat(delta.created()).isEqualTo(2);
        assertThat(delta.updated()).isEqualTo(1);
        assertThat(delta.skipped()).as("DEL-07 unchanged as the flow writes it, two deletions never written")
                .isEqualTo(3);

        RunSummary quiet = flows.run(yaml);
        assertThat(quiet.read()).isZero();
    }

    @Test
    void markSetsTheMarkColumnOfTheRowWrittenUnderTheDeletedAccountsNumberAndAReusedNumberComesBack() {
        Map<String, UUID> ids = accounts("MARK", 8);
        String yaml = """
                flow: dw-marked
                source:
                  connection: crm
                  table: account
                  select: [accountnumber, name]
                  where: "accountnumber != null && accountnumber.startsWith('MARK-')"
                  incremental: change-tracking
                map: { number: accountnumber, name: name }
                target:
                  connection: pg
                  table: dw_marked
                  write: upsert
                  key: [number]
                  chunk-size: 5
                  on-delete: mark
                  mark-column: deleted_at
                """;
        flows.run(yaml);
        delete(ids.get("MARK-01"));
        delete(ids.get("MARK-02"));
        delete(ids.get("MARK-03"));
        client.create("account", Map.of("name", "Second MARK-03", "accountnumber", "MARK-03"));

        RunSummary s = flows.run(yaml);
        assertThat(s.deleted()).isEqualTo(2);
        assertThat(flows.rows("SELECT number || '|' || name || '|' || (deleted_at IS NOT NULL) FROM dw_marked ORDER BY 1"))
                .containsExactly("MARK-01|Name MARK-01|true", "MARK-02|Name MARK-02|true",
                        "MARK-03|Second MARK-03|false", "MARK-04|Name MARK-04|false", "MARK-05|Name MARK-05|false",
                        "MARK-06|Name MARK-06|false", "MARK-07|Name MARK-07|false", "MARK-08|Name MARK-08|false");

        client.create("account", Map.of("name", "Back MARK-01", "accountnumber", "MARK-01"));
        RunSummary back = flows.run(yaml);
        assertThat(back.deleted()).isZero();
        assertThat(flows.rows("SELECT name, deleted_at FROM dw_marked WHERE number = 'MARK-01'"))
                .containsExactly("Back MARK-01|null");
    }

    @Test
    void numbersSwappedBetweenTwoAccountsKeepBothRowsEvenInSeparateChunks() {
        Map<String, UUID> ids = accounts("SWAP", 6);
        String yaml = """
                flow: dw-swapped
                source:
                  connection: crm
                  table: account
                  select: [accountnumber, name]
                  where: "accountnumber != null && accountnumber.startsWith('SWAP-')"
                  incremental: change-tracking
                map: { number: accountnumber, name: name }
                target: { connection: pg, table: dw_swapped, write: upsert, key: [number], chunk-size: 1, on-delete: delete }
                """;
        flows.run(yaml);
        update(ids.get("SWAP-02"), Map.of("accountnumber", "SWAP-TMP"));
        update(ids.get("SWAP-05"), Map.of("accountnumber", "SWAP-02"));
        update(ids.get("SWAP-02"), Map.of("accountnumber", "SWAP-05"));
        update(ids.get("SWAP-03"), Map.of("accountnumber", "SWAP-33"));
        delete(ids.get("SWAP-04"));
        client.create("account", Map.of("name", "Takes SWAP-03", "accountnumber", "SWAP-03"));

        flows.run(yaml);
        assertThat(flows.rows("SELECT number || '|' || name FROM dw_swapped ORDER BY 1")).isEqualTo(dataverse("SWAP-"))
                .containsExactly("SWAP-01|Name SWAP-01", "SWAP-02|Name SWAP-05", "SWAP-03|Takes SWAP-03",
                        "SWAP-05|Name SWAP-02", "SWAP-06|Name SWAP-06", "SWAP-33|Name SWAP-03");
    }

    @Test
    void aFlowThatStartsRememberingReadsEverythingOnceAndOneThatStopsForgetsWhatItRemembered() {
        Map<String, UUID> ids = accounts("TURN", 3);
        String ignore = """
                flow: dw-turn
                source:
                  connection: crm
                  table: account
                  select: [accountnumber, name]
                  where: "accountnumber != null && accountnumber.startsWith('TURN-')"
                  incremental: change-tracking
                map: { number: accountnumber, name: name }
                target: { connection: pg, table: dw_turn, write: upsert, key: [number], on-delete: ignore }
                """;
        String delete = ignore.replace("on-delete: ignore", "on-delete: delete");
        assertThat(flows.run(ignore).created()).isEqualTo(3);
        assertThat(flows.run(ignore).read()).isZero();

        RunSummary turned = flows.run(delete);
        assertThat(turned.warnings()).singleElement().asString().contains("every row is read again once");
        assertThat(turned.read()).isGreaterThanOrEqualTo(3);
        assertThat(store.flows().hasSourceKeys("dw-turn")).isTrue();
        delete(ids.get("TURN-01"));
        assertThat(flows.run(delete).deleted()).isEqualTo(1);
        assertThat(flows.rows("SELECT number FROM dw_turn ORDER BY 1")).containsExactly("TURN-02", "TURN-03");

        flows.run(ignore);
        assertThat(store.flows().hasSourceKeys("dw-turn")).isFalse();
    }

    @Test
    void aNaturalKeyIsRememberedWhileAKeyMappedFromTheIdNeedsNoMemory() {
        String natural = """
                flow: checked
                source: { connection: crm, table: account, select: [accountnumber, name], incremental: change-tracking }
                map: { number: accountnumber, name: name }
                target: { connection: pg, table: dw_accounts, write: upsert, key: [number], on-delete: delete }
                """;
        try (CheckedFlow f = flows.check(natural)) {
            assertThat(f.remembersKeys()).isTrue();
        }
        try (CheckedFlow f = flows.check(natural.replace("number: accountnumber", "number: accountid")
                .replace("select: [accountnumber, name]", "select: [accountid, name]"))) {
            assertThat(f.remembersKeys()).isFalse();
        }
    }

    @Test
    void aKeyComputedFromAColumnTheSourceRowDoesNotHoldIsRefusedAtItsLine() {
        String yaml = """
                flow: refused
                source: { connection: crm, table: account, select: [accountnumber, name], incremental: change-tracking }
                map:
                  number: 'row["telephone1"]'
                  name: name
                target: { connection: pg, table: dw_accounts, write: upsert, key: [number], on-delete: delete }
                """;
        assertThatThrownBy(() -> flows.check(yaml)).isInstanceOf(FlowException.class)
                .satisfies(e -> assertThat(((FlowException) e).problems()).singleElement().satisfies(p -> {
                    assertThat(p.location().line()).isEqualTo(4);
                    assertThat(p.message()).isEqualTo("on-delete: key column 'number' is computed from 'telephone1', "
                            + "which is not a column read from 'account'; a deleted row's key is remembered from "
                            + "what the flow wrote, so the key must come from the source row's own columns (add "
                            + "'telephone1' to source.select)");
                }));
    }
}
