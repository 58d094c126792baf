package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.auth.ConnectionCredentials;
import dev.sluice.core.ColumnKind;
import dev.sluice.core.ColumnSchema;
import dev.sluice.core.RecordProvider;
import dev.sluice.core.Secret;
import dev.sluice.core.TableSchema;
import dev.sluice.store.SluiceStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the designer builds on: a preview through the run's own read and mapper, the filter in the source's words,
 * live CEL checks, new tables for a database target, and databases registered in the store resolved by name.
 */
class FlowPreviewTest {
    @TempDir
    Path dir;
    private String source;
    private String target;
    private ConnectionResolver resolver;

    @BeforeEach
    void setUp() {
        source = Fixture.h2();
        target = Fixture.h2();
        Fixture.sql(source, "CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(50), age INTEGER)");
        for (int i = 1; i <= 14; i++) {
            Fixture.sql(source, "INSERT INTO people VALUES (" + i + ", '" + (i % 4 == 0 ? "Al" : "Person " + i) + "', "
                    + (i % 5 == 0 ? "NULL" : String.valueOf(10 + i)) + ")");
        }
        Fixture.sql(target, "CREATE TABLE adults (id INTEGER PRIMARY KEY, name VARCHAR(50), next_age INTEGER)");
        resolver = ConnectionResolver.of(Map.of("src", new JdbcRecordProvider(source, "sa", null),
                "dw", new JdbcRecordProvider(target, "sa", null)));
    }

    private CheckedFlow check(String where) {
        return new FlowValidator(resolver, Map.of()).check(FlowParser.parse("p.yaml", """
                flow: people
                source: { connection: src, table: people, where: "%s" }
                map: { id: id, name: name, next_age: "age + 1" }
                target: { connection: dw, table: adults, write: upsert, key: [id] }
                """.formatted(where)));
    }

    @Test
    void aPreviewShowsTheFirstSourceRowsAndWhatEachBecomesWithoutWritingOrRecordingARun() {
        try (CheckedFlow f = check("age > 12 && size(name) > 2")) {
            FlowPreview.Result p = FlowPreview.of(f, 10);

            // age > 12 is read by SQL; rows 1 and 2 never come; a null age is left out by the pushed comparison
            assertThat(p.rows()).extracting(r -> r.source().get("id")).containsExactly(3, 4, 6, 7, 8, 9, 11, 12, 13,
                    14);
            assertThat(p.rows()).extracting(FlowPreview.Row::outcome).containsExactly("write", "skip", "write",
                    "write", "skip", "write", "write", "skip", "write", "write");
            assertThat(p.rows().get(0).target()).isEqualTo(Map.of("id", 3L, "name", "Person 3", "next_age", 14L));
            assertThat(p.where()).isEqualTo("where: pushed down to the source: age > 12; checked in memory: "
                    + "size(name) > 2");
            assertThat(p.write()).isEqualTo("upsert");
            assertThat(p.targetColumns()).containsExactly("id", "name", "next_age");
        }
        assertThat(Fixture.rows(target, "SELECT COUNT(*) FROM adults")).containsExactly("0");
    }

    @Test
    void aRecordTheRunWouldRejectShowsWhy() {
        try (CheckedFlow f = check("id <= 5")) {
            FlowPreview.Result p = FlowPreview.of(f, 10);
            assertThat(p.rows()).hasSize(5);
            FlowPreview.Row five = p.rows().get(4);
            assertThat(five.outcome()).isEqualTo("reject");
            assertThat(five.error()).startsWith("INVALID_INPUT: ").contains("age + 1");
            assertThat(p.rejected()).isEqualTo(1);
        }
    }

    @Test
    void theFilterIsShownAsTheWhereTheDatabaseRunsAndWhatStaysInMemory() {
        RecordProvider src = new JdbcRecordProvider(source, "sa", null);
        TableSchema people = src.describe("people");
        SourceFilter.Text t = SourceFilter.describe(src, people, "age >= 18 && name.startsWith(\"O'B\") && "
                + "size(name) > 2", new Incremental.Full());
        assertThat(t.pushed()).isEqualTo("WHERE (\"AGE\" >= 18 AND \"NAME\" LIKE 'O''B%' ESCAPE '\\')");
        assertThat(t.inMemory()).isEqualTo("size(name) > 2");
        assertThat(t.problem()).isNull();

        SourceFilter.Text bad = SourceFilter.describe(src, people, "agee > 3", new Incremental.Full());
        assertThat(bad.problem()).isEqualTo("unknown column 'agee' on table 'people' (did you mean 'age'?)");
        assertThat(bad.offset()).isZero();
        assertThat(SourceFilter.describe(src, people, "name + 'x'", new Incremental.Full()).problem())
                .isEqualTo("a condition must give true or false, but this gives string");
    }

    @Test
    void aCelCheckGivesTheTypeAndTheColumnsReadOrTheProblemAndWhereItIs() {
        TableSchema people = new JdbcRecordProvider(source, "sa", null).describe("people");
        ColumnSchema count = new ColumnSchema("n", ColumnKind.INTEGER, false, true, Map.of(), List.of());
        CelCheck.Result ok = CelCheck.check(people, "age + id", count);
        assertThat(ok.ok()).isTrue();
        assertThat(ok.resultType()).isEqualTo("int");
        assertThat(ok.columns()).containsExactlyInAnyOrder("age", "id");

        CelCheck.Result syntax = CelCheck.check(people, "name + ", null);
        assertThat(syntax.ok()).isFalse();
        assertThat(syntax.offset()).isEqualTo(7);
        assertThat(syntax.message()).contains("does not compile");

        ColumnSchema flag = new ColumnSchema("flag", ColumnKind.BOOLEAN, false, true, Map.of(), List.of());
        CelCheck.Result misfit = CelCheck.check(people, "age", flag);
        assertThat(misfit.message()).isEqualTo("column 'age' gives int but target column 'flag' is boolean");
        assertThat(misfit.ok()).isFalse();
    }

    @Test
    void aNewTableIsCreatedWithTypesThatReadBackAsTheirKindsAndItsPrimaryKey() {
        JdbcRecordProvider dw = new JdbcRecordProvider(target, "sa", null);
        List<ColumnSchema> columns = List.of(column("id", ColumnKind.GUID), column("name", ColumnKind.STRING),
                column("employees", ColumnKind.INTEGER), column("revenue", ColumnKind.DECIMAL),
                column("share", ColumnKind.DOUBLE), column("active", ColumnKind.BOOLEAN),
                column("modified", ColumnKind.DATETIME), column("industry", ColumnKind.CHOICE));
        dw.createTable("crm_accounts", columns, List.of("id"));

        TableSchema t = dw.describe("crm_accounts");
        assertThat(t.primaryKey()).containsExactly("id");
        assertThat(t.columns()).extracting(ColumnSchema::kind).containsExactly(ColumnKind.GUID, ColumnKind.STRING,
                ColumnKind.INTEGER, ColumnKind.DECIMAL, ColumnKind.DOUBLE, ColumnKind.BOOLEAN, ColumnKind.DATETIME,
                ColumnKind.INTEGER);
        assertThat(dw.tables()).contains("crm_accounts");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dw.createTable("crm_accounts", columns, List.of("id")))
                .hasMessageContaining("table 'crm_accounts' already exists");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dw.createTable("x; DROP TABLE adults", columns,
                List.of("id"))).hasMessageContaining("is not valid for a new table");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> dw.createTable("other", columns, List.of()))
                .hasMessageContaining("needs a primary key");
        assertThat(dw.tables()).containsExactlyInAnyOrder("adults", "crm_accounts");
    }

    private static ColumnSchema column(String name, ColumnKind kind) {
        return new ColumnSchema(name, kind, false, true, Map.of(), List.of());
    }

    @Test
    void aDatabaseRegisteredInTheStoreIsResolvedByNameWithItsStoredPassword() {
        String url = "jdbc:h2:file:" + dir.resolve("dw") + ";WRITE_DELAY=0";
        Fixture.sqlAs(url, "keeper", "s3cret-pw", "CREATE TABLE t (id INTEGER PRIMARY KEY)");
        try (SluiceStore store = Fixture.store(dir.resolve("home"))) {
            store.databases().create("dw", url, "keeper", Secret.of("s3cret-pw"), "admin");
            StoreConnections stored = new StoreConnections(new ConnectionCredentials(store, Clock.systemUTC()));
            assertThat(stored.names()).contains("dw");
            try (RecordProvider p = stored.open("dw").orElseThrow()) {
                assertThat(p.describe("t").primaryKey()).containsExactly("id");
            }
            assertThat(stored.open("nothing")).isEmpty();
        }
    }
}
