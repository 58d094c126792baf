package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.ErrorKind;
import dev.sluice.core.SearchRequest;
import dev.sluice.core.SluiceException;
import dev.sluice.core.TableSchema;
import dev.sluice.core.Where;
import dev.sluice.core.WriteMode;
import dev.sluice.core.WriteOutcome;
import dev.sluice.emulator.Emulator;
import dev.sluice.testing.WithEmulator;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithEmulator(noAuth = true)
class RecordProviderTest {
    static Emulator emulator;
    static DataverseRecordProvider provider;

    @BeforeAll
    static void connect() {
        provider = new DataverseRecordProvider(Clients.of(emulator, "provider-test"));
    }

    static Map<String, Object> account(String number, String name, int employees) {
        Map<String, Object> m = new HashMap<>();
        m.put("accountnumber", number);
        m.put("name", name);
        m.put("numberofemployees", employees);
        return m;
    }

    @Test
    void tablesAndDescribeComeFromTableMetadata() {
        assertThat(provider.tables()).contains("account", "contact", "lead");
        TableSchema account = provider.describe("account");
        assertThat(account.name()).isEqualTo("account");
        assertThat(account.primaryKey()).containsExactly("accountid");
        assertThat(account.uniqueKeys()).containsExactly(List.of("accountnumber"));
        assertThat(account.isUniqueKey(List.of("accountnumber"))).isTrue();
        assertThat(account.column("name")).hasValueSatisfying(c -> {
            assertThat(c.kind()).isEqualTo(ColumnKind.STRING);
            assertThat(c.required()).isTrue();
        });
        assertThat(account.column("industrycode").map(ColumnSchema::kind)).hasValue(ColumnKind.CHOICE);
        assertThat(account.column("industrycode").orElseThrow().choices()).containsEntry(7, "Consulting");
        assertThat(account.column("_primarycontactid_value").orElseThrow().targets()).containsExactly("contact");
        assertThat(account.column("revenue").map(ColumnSchema::kind)).hasValue(ColumnKind.DECIMAL);
        assertThat(account.column("lastusedincampaign").map(ColumnSchema::kind)).hasValue(ColumnKind.DATETIME);
        assertThatThrownBy(() -> provider.describe("nosuch")).isInstanceOfSatisfying(SluiceException.class,
                e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void writeCreatesUpsertsUpdatesAndDeletesWithAnOutcomePerRecord() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            rows.add(account("PRV-" + i, "provider " + i, i * 10));
        }
        rows.add(2, account("PRV-bad", "x".repeat(200), 1)); // Dataverse: account.name holds 160 characters
        List<WriteOutcome> created = provider.write("account", WriteMode.CREATE, List.of(), rows);
        assertThat(created).hasSize(6);
        assertThat(created.get(2).failed()).isTrue();
        assertThat(created.get(2).errorKind()).isEqualTo(ErrorKind.INVALID_INPUT);
        assertThat(created).filteredOn(o -> !o.failed())
                .allSatisfy(o -> assertThat(o.status()).isEqualTo(WriteOutcome.Status.CREATED));

        List<WriteOutcome> upserted = provider.write("account", WriteMode.UPSERT, List.of("accountnumber"),
                List.of(account("PRV-0", "provider zero", 5), account("PRV-new", "provider new", 1)));
        assertThat(upserted).noneMatch(WriteOutcome::failed);

        Map<String, Object> update = new HashMap<>();
        update.put("accountid", created.get(1).id());
        update.put("numberofemployees", 999);
        List<WriteOutcome> updated = provider.write("account", WriteMode.UPDATE, List.of("accountid"), List.of(update));
        assertThat(updated.get(0).status()).isEqualTo(WriteOutcome.Status.UPDATED);

        List<Map<String, Object>> found = provider.search(new SearchRequest("account", List.of("accountnumber", "name",
                "numberofemployees"), Where.and(new Where.Compare("accountnumber", Where.Op.STARTS_WITH, "PRV-"),
                new Where.Not(new Where.In("accountnumber", List.of("PRV-4")))), List.of("accountnumber"), null))
                .toList();
        assertThat(found).extracting(m -> m.get("accountnumber"))
                .containsExactly("PRV-0", "PRV-1", "PRV-2", "PRV-3", "PRV-new");
        assertThat(found.get(0).get("name")).isEqualTo("provider zero");
        assertThat(found.get(1).get("numberofemployees")).isEqualTo(999);

        List<Map<String, Object>> keys = List.of(Map.of("accountnumber", "PRV-new"), Map.of("accountnumber", "PRV-none"));
        List<WriteOutcome> deleted = provider.write("account", WriteMode.DELETE, List.of("accountnumber"), keys);
        assertThat(deleted.get(0).status()).isEqualTo(WriteOutcome.Status.DELETED);
        assertThat(deleted.get(1).errorKind()).isEqualTo(ErrorKind.NOT_FOUND);
    }

    @Test
    void searchReturnsJavaTypesAndLookupsAsUuids() {
        DataverseClient client = provider.client();
        UUID contact = client.create("contact", Map.of("lastname", "Typed"));
        Map<String, Object> record = new HashMap<>();
        record.put("name", "typed values");
        record.put("accountnumber", "TYPED-1");
        record.put("revenue", new BigDecimal("1234.5"));
        record.put("lastusedincampaign", Instant.parse("2024-05-06T07:08:09Z"));
        record.put("industrycode", 7);
        record.put("creditonhold", true);
        record.put("_primarycontactid_value", contact);
        assertThat(provider.write("account", WriteMode.CREATE, List.of(), List.of(record))).noneMatch(WriteOutcome::failed);

        Map<String, Object> row = provider.search(new SearchRequest("account", List.of("revenue", "lastusedincampaign",
                "industrycode", "creditonhold", "_primarycontactid_value", "numberofemployees"),
                Where.eq("accountnumber", "TYPED-1"), List.of(), 1)).findFirst().orElseThrow();
        assertThat((BigDecimal) row.get("revenue")).isEqualByComparingTo("1234.5");
        assertThat(row.get("lastusedincampaign")).isEqualTo(Instant.parse("2024-05-06T07:08:09Z"));
        assertThat(row.get("industrycode")).isEqualTo(7);
        assertThat(row.get("creditonhold")).isEqualTo(true);
        assertThat(row.get("_primarycontactid_value")).isEqualTo(contact);
        assertThat(row.get("numberofemployees")).isNull();

        long byLookup = provider.search(new SearchRequest("account", List.of("name"),
                Where.eq("_primarycontactid_value", contact.toString()), List.of(), null)).count();
        assertThat(byLookup).isEqualTo(1);
    }

    @Test
    void searchHonoursLimitAndOrderAndRefusesUnknownColumns() {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rows.add(account("LIM-" + (100 + i), "limit " + i, i));
        }
        provider.write("account", WriteMode.CREATE, List.of(), rows);
        List<Object> top = provider.search(new SearchRequest("account", List.of("numberofemployees"),
                new Where.Compare("accountnumber", Where.Op.STARTS_WITH, "LIM-"), List.of("-numberofemployees"), 3))
                .map(m -> m.get("numberofemployees")).collect(Collectors.toList());
        assertThat(top).containsExactly(19, 18, 17);
        assertThatThrownBy(() -> provider.search(new SearchRequest("account", List.of("emial"), null, List.of(), null)))
                .hasMessageContaining("no column 'emial'");
        assertThatThrownBy(() -> provider.write("account", WriteMode.UPSERT, List.of("name"), List.of(Map.of("name", "x"))))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("no alternate key on [name]");
                });
    }
}
