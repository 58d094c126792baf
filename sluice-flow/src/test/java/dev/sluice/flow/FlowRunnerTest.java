package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.SluiceException;
import dev.sluice.store.DeadLetter;
import dev.sluice.store.SluiceStore;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mapping features, dead letters, errors: fail, resumption and dry runs: CSV file → H2 table. */
class FlowRunnerTest {
    @TempDir
    Path dir;
    private String db;
    private SluiceStore store;
    private ConnectionResolver resolver;

    @BeforeEach
    void setUp() {
        db = Fixture.h2();
        Fixture.sql(db, "CREATE TABLE people (id INTEGER PRIMARY KEY, name VARCHAR(100), age INTEGER, "
                + "score DECIMAL(10,2), joined TIMESTAMP, country VARCHAR(2), adult BOOLEAN)");
        store = Fixture.store(dir.resolve("home"));
        resolver = ConnectionResolver.of(Map.of("files", new FileRecordProvider(dir),
                "db", new JdbcRecordProvider(db, "sa", null)));
    }

    @AfterEach
    void tearDown() {
        store.close();
    }

    private CheckedFlow check(String yaml) {
        return new FlowValidator(resolver, Map.of()).check(FlowParser.parse("people.yaml", yaml));
    }

    private static String flow(String errors, int chunk) {
        return """
                flow: people
                source: { connection: files, table: people.csv, where: "first != 'skip'" }
                map:
                  id: id
                  name: "first + ' ' + last"
                  age: age
                  score: "double(points) * 1.5"
                  joined: joined
                  country: { value: NL }
                  adult: "int(age) >= 18"
                target: { connection: db, table: people, write: upsert, key: [id], chunk-size: %d }
                errors: %s
                """.formatted(chunk, errors);
    }

    private void csv(String rows) {
        Fixture.write(dir.resolve("people.csv"), "id,first,last,age,points,joined\r\n" + rows);
    }

    @Test
    void mapsRenamesExpressionsConstantsAndConvertsTypes() {
        csv("1,Ada,Lovelace,36,10,1815-12-10\r\n2,Alan,Turing,17,4.5,1912-06-23T10:00:00Z\r\n3,skip,me,1,1,2000-01-01\r\n");
        try (CheckedFlow f = check(flow("dead-letter", 500))) {
            RunSummary s = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            assertThat(s.line()).startsWith("read 3, created 2, updated 0, skipped 1, rejected 0");
        }
        assertThat(Fixture.rows(db, "SELECT id, name, age, score, joined, country, adult FROM people ORDER BY id"))
                .containsExactly("1|Ada Lovelace|36|15.00|1815-12-10 00:00:00|NL|TRUE",
                        "2|Alan Turing|17|6.75|1912-06-23 10:00:00|NL|FALSE");
    }

    @Test
    void aSecondRunUpdatesByKeyWithoutDuplicates() {
        csv("1,Ada,Lovelace,36,10,1815-12-10\r\n");
        try (CheckedFlow f = check(flow("dead-letter", 500))) {
            new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            RunSummary again = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            assertThat(again.created()).isZero();
            assertThat(again.updated()).isEqualTo(1);
        }
        assertThat(Fixture.rows(db, "SELECT count(*) FROM people")).containsExactly("1");
    }

    @Test
    void badRecordsGoToTheDeadLettersAndTheRunGoesOn() {
        csv("1,Ada,Lovelace,36,10,1815-12-10\r\n2,Bad,Age,old,1,2000-01-01\r\n3,Grace,Hopper,85,7,1906-12-09\r\n");
        try (CheckedFlow f = check(flow("dead-letter", 500))) {
            RunSummary s = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            assertThat(s.rejected()).isEqualTo(1);
            assertThat(s.created()).isEqualTo(2);
        }
        DeadLetter d = store.flows().deadLetters("people").get(0);
        assertThat(d.errorKind()).isEqualTo("INVALID_INPUT");
        assertThat(d.message()).startsWith("map 'age': column 'age': 'old' is not a whole number");
        assertThat(d.source()).contains("\"first\":\"Bad\"");
    }

    @Test
    void retryReplaysDeadLettersAfterAFix() {
        csv("1,Ada,Lovelace,36,10,1815-12-10\r\n2,Bad,Age,forty,1,2000-01-01\r\n");
        try (CheckedFlow f = check(flow("dead-letter", 500))) {
            new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
        }
        assertThat(store.flows().deadLetters("people")).hasSize(1);
        String fixed = flow("dead-letter", 500).replace("  age: age\n", "  age: \"age == 'forty' ? 40 : int(age)\"\n")
                .replace("int(age) >= 18", "true");
        try (CheckedFlow f = check(fixed)) {
            RunSummary s = new FlowRunner(store.flows()).retryDeadLetters(f);
            assertThat(s.created()).isEqualTo(1);
            assertThat(s.rejected()).isZero();
        }
        assertThat(store.flows().deadLetters("people")).isEmpty();
        assertThat(Fixture.rows(db, "SELECT age FROM people WHERE id = 2")).containsExactly("40");
    }

    @Test
    void errorsFailStopsAtTheFirstBadRecordWithTheCheckpointBeforeIt() {
        csv("1,A,A,30,1,2000-01-01\r\n2,B,B,31,1,2000-01-01\r\n3,C,C,bad,1,2000-01-01\r\n4,D,D,33,1,2000-01-01\r\n");
        try (CheckedFlow f = check(flow("fail", 2))) {
            assertThatThrownBy(() -> new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS))
                    .isInstanceOf(SluiceException.class)
                    .hasMessageContaining("flow 'people' stopped at a bad record (errors: fail)")
                    .hasMessageContaining("'bad' is not a whole number");
        }
        assertThat(store.flows().checkpoint("people")).hasValue("{\"mode\":\"offset\",\"offset\":2}");
        assertThat(store.flows().runs("people", 1).get(0).status()).isEqualTo("failed");
        csv("1,A,A,30,1,2000-01-01\r\n2,B,B,31,1,2000-01-01\r\n3,C,C,32,1,2000-01-01\r\n4,D,D,33,1,2000-01-01\r\n");
        try (CheckedFlow f = check(flow("fail", 2))) {
            RunSummary s = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            assertThat(s.resumed()).isTrue();
            assertThat(s.read()).isEqualTo(2);
        }
        assertThat(Fixture.rows(db, "SELECT id FROM people ORDER BY id")).containsExactly("1", "2", "3", "4");
        assertThat(store.flows().checkpoint("people")).isEmpty();
    }

    @Test
    void dryRunMapsWithoutWritingAndShowsASample() {
        csv("1,Ada,Lovelace,36,10,1815-12-10\r\n");
        try (CheckedFlow f = check(flow("dead-letter", 500))) {
            RunSummary s = new FlowRunner(store.flows()).run(f, RunOptions.dry());
            assertThat(s.dryRun()).isTrue();
            assertThat(s.sample()).singleElement().satisfies(m -> {
                assertThat(m.get("write")).isEqualTo("upsert");
                assertThat(m.get("record")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                        .containsEntry("name", "Ada Lovelace").containsEntry("age", 36L);
            });
        }
        assertThat(Fixture.rows(db, "SELECT count(*) FROM people")).containsExactly("0");
        assertThat(store.flows().checkpoint("people")).isEmpty();
    }

    @Test
    void choiceLabelsBecomeValuesAndValuesBecomeLabels() {
        Fixture.write(dir.resolve("levels.jsonl"), "{\"id\":1,\"level\":\"Warm\"}\n{\"id\":2,\"level\":\"Frozen\"}\n");
        ColumnChoices choices = new ColumnChoices();
        ConnectionResolver r = ConnectionResolver.of(Map.of("files", new FileRecordProvider(dir), "crm", choices));
        String yaml = """
                flow: levels
                source: { connection: files, table: levels.jsonl }
                map: { id: id, rating: { choice: level } }
                target: { connection: crm, table: lead, write: upsert, key: [id] }
                """;
        try (CheckedFlow f = new FlowValidator(r, Map.of()).check(FlowParser.parse("levels.yaml", yaml))) {
            RunSummary s = new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
            assertThat(s.rejected()).isEqualTo(1);
        }
        assertThat(choices.written).containsExactly(Map.of("id", 1L, "rating", 2));
        assertThat(store.flows().deadLetters("levels").get(0).message())
                .isEqualTo("map 'rating': 'Frozen' is not a label of column 'rating'; its labels are [Hot, Warm, Cold]");

        String back = """
                flow: labels
                source: { connection: crm, table: lead }
                map: { id: id, level: { label: rating } }
                target: { connection: files, table: labels.csv, write: create }
                """;
        try (CheckedFlow f = new FlowValidator(r, Map.of()).check(FlowParser.parse("labels.yaml", back))) {
            new FlowRunner(store.flows()).run(f, RunOptions.DEFAULTS);
        }
        assertThat(Fixture.read(dir.resolve("labels.csv"))).isEqualTo("id,level\r\n1,Warm\r\n");
    }
}
