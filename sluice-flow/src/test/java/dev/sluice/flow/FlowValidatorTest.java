package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One test per kind of validation error, each asserting the message and the location. */
class FlowValidatorTest {
    @TempDir
    Path dir;
    private String db;
    private ConnectionResolver resolver;

    @BeforeEach
    void setUp() {
        db = Fixture.h2();
        Fixture.sql(db, "CREATE TABLE contacts (id VARCHAR(20) PRIMARY KEY, email VARCHAR(100), age INTEGER, "
                + "born TIMESTAMP, CONSTRAINT contacts_email_uq UNIQUE (email))");
        Fixture.write(dir.resolve("people.csv"), "id,email,age,born\r\n1,a@x.org,40,2001-02-03\r\n");
        resolver = ConnectionResolver.of(Map.of("files", new FileRecordProvider(dir),
                "warehouse", new JdbcRecordProvider(db, "sa", null)));
    }

    private String flow(String map, String target) {
        return """
                flow: people
                source:
                  connection: files
                  table: people.csv
                map:
                %s
                target:
                %s
                """.formatted(map.indent(2).stripTrailing(), target.indent(2).stripTrailing());
    }

    private static final String TARGET = "connection: warehouse\ntable: contacts\nwrite: upsert\nkey: [id]";

    private FlowProblem only(String yaml) {
        try (CheckedFlow f = new FlowValidator(resolver, Map.of()).check(FlowParser.parse("p.yaml", yaml))) {
            throw new AssertionError("expected a validation error, flow " + f.definition().name() + " passed");
        } catch (FlowException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().get(0);
        }
    }

    @Test
    void aValidFlowPasses() {
        try (CheckedFlow f = new FlowValidator(resolver, Map.of()).check(FlowParser.parse("p.yaml",
                flow("id: id\nemail: email\nage: \"int(age) + 1\"", TARGET)))) {
            assertThat(f.targetSchema().primaryKey()).containsExactly("id");
        }
    }

    @Test
    void unknownConnectionSuggestsTheClosestName() {
        FlowProblem p = only(flow("id: id", TARGET.replace("warehouse", "warehous")));
        assertThat(p.message()).startsWith("unknown connection 'warehous'");
        assertThat(p.suggestion()).isEqualTo("warehouse");
        assertThat(p.location()).isEqualTo(new Location(8, 15));
    }

    @Test
    void unknownTableSuggestsTheClosestTable() {
        FlowProblem p = only(flow("id: id", TARGET.replace("table: contacts", "table: contact")));
        assertThat(p.message()).isEqualTo("unknown table 'contact'");
        assertThat(p.suggestion()).isEqualTo("contacts");
        assertThat(p.location()).isEqualTo(new Location(9, 10));
    }

    @Test
    void unknownTargetColumnSuggestsTheClosestColumn() {
        FlowProblem p = only(flow("id: id\nemial: email", TARGET));
        assertThat(p.toString()).isEqualTo("p.yaml:7:3: unknown column 'emial' on table 'contacts'; its columns are id, "
                + "email, age, born (did you mean 'email'?)");
    }

    @Test
    void everyProblemOfTheFileAndOfWhatItNamesIsReportedAtOnce() {
        String yaml = """
                flow: people
                source:
                  connection: files
                  tabel: people.csv
                map:
                  id: id
                  nmae: email
                  age: "int(age) +"
                target:
                  connection: warehouse
                  table: contacts
                  write: upsert
                  key: [id]
                """;
        assertThatThrownBy(() -> new FlowValidator(resolver, Map.of()).check("p.yaml", yaml))
                .isInstanceOfSatisfying(FlowException.class, e -> assertThat(e.problems()).extracting(FlowProblem::toString)
                        .containsExactly(
                                "p.yaml:4:3: unknown key 'tabel' in source; known keys: connection, table, select, where, "
                                        + "incremental, on-expired-token, trigger, interval, fetchxml (did you mean 'table'?)",
                                "p.yaml:7:3: unknown column 'nmae' on table 'contacts'; its columns are id, email, age, born",
                                "p.yaml:8:19: CEL expression 'int(age) +' does not compile: mismatched input '<EOF>' "
                                        + "expecting {'[', '{', '(', '.', '-', '!', 'true', 'false', 'null', NUM_FLOAT, "
                                        + "NUM_INT, NUM_UINT, STRING, BYTES, IDENTIFIER}"));
    }

    @Test
    void unknownSourceColumnInAnExpressionPointsIntoTheExpression() {
        FlowProblem p = only(flow("id: id\nage: \"int(aeg) + 1\"", TARGET));
        assertThat(p.message()).isEqualTo("unknown column 'aeg' on table 'people.csv'");
        assertThat(p.suggestion()).isEqualTo("age");
        assertThat(p.location()).isEqualTo(new Location(7, 13));
    }

    @Test
    void celThatDoesNotCompileIsReported() {
        FlowProblem p = only(flow("id: id\nage: \"age +\"", TARGET));
        assertThat(p.message()).startsWith("CEL expression 'age +' does not compile");
        assertThat(p.location().line()).isEqualTo(7);
    }

    @Test
    void typesThatCannotLineUpAreReported() {
        FlowProblem p = only(flow("id: id\nage: \"email == 'x'\"", TARGET));
        assertThat(p.message()).isEqualTo("the expression gives bool but target column 'age' is integer");
        assertThat(p.location()).isEqualTo(new Location(7, 8));
    }

    @Test
    void aConstantThatDoesNotFitItsColumnIsReported() {
        FlowProblem p = only(flow("id: id\nage: { value: \"forty\" }", TARGET));
        assertThat(p.message()).isEqualTo("column 'age': 'forty' is not a whole number");
        assertThat(p.location().line()).isEqualTo(7);
    }

    @Test
    void writeKeyThatIsNotUniqueIsRefused() {
        FlowProblem p = only(flow("id: id\nage: age", TARGET.replace("key: [id]", "key: [age]")));
        assertThat(p.message()).isEqualTo("key [age] is not a unique key of 'contacts'; its unique keys are [[id], [email]]");
        assertThat(p.location()).isEqualTo(new Location(12, 8));
    }

    @Test
    void uniqueConstraintIsAcceptedAsWriteKey() {
        try (CheckedFlow f = new FlowValidator(resolver, Map.of()).check(FlowParser.parse("p.yaml",
                flow("id: id\nemail: email", TARGET.replace("key: [id]", "key: [email]"))))) {
            assertThat(f.targetSchema().uniqueKeys()).contains(List.of("email"));
        }
    }

    @Test
    void unmappedKeyColumnIsRefused() {
        FlowProblem p = only(flow("email: email", TARGET));
        assertThat(p.message()).startsWith("key column 'id' is not mapped");
        assertThat(p.location()).isEqualTo(new Location(11, 9));
    }

    @Test
    void changeTrackingOnANonDataverseSourceIsRefused() {
        FlowProblem p = only(flow("id: id", TARGET).replace("  table: people.csv\n",
                "  table: people.csv\n  incremental: change-tracking\n"));
        assertThat(p.message()).startsWith("change tracking needs a Dataverse source");
        assertThat(p.location()).isEqualTo(new Location(5, 16));
    }

    @Test
    void lookupOnANonLookupColumnIsRefused() {
        FlowProblem p = only(flow("id: id\nemail: { lookup: account, key: { accountnumber: id } }", TARGET));
        assertThat(p.message()).isEqualTo("map 'email': {lookup: …} needs a lookup column, but 'email' is string");
    }

    @Test
    void missingEnvironmentVariableOfADeclaredConnectionIsReported() {
        String yaml = "connections:\n  dw: { jdbc: \"" + db + "\", user: sa, password-env: DW_PASSWORD }\n"
                + flow("id: id", TARGET.replace("warehouse", "dw"));
        FlowProblem p = only(yaml);
        assertThat(p.message()).isEqualTo("connection 'dw' cannot be opened: connection 'dw' reads its secret from "
                + "environment variable DW_PASSWORD, which is not set");
    }

    @Test
    void onDeleteWithAWatermarkIsRefusedBecauseItNeverSeesDeletions() {
        FlowProblem p = only("""
                flow: people
                source: { connection: warehouse, table: contacts, incremental: { watermark: born } }
                map: { id: id, email: email }
                target: { connection: warehouse, table: contacts, write: upsert, key: [id], on-delete: delete }
                """);
        assertThat(p.message()).startsWith("on-delete needs 'incremental: change-tracking' or a full read");
        assertThat(p.location()).isEqualTo(new Location(4, 88));
    }

    @Test
    void aMarkColumnMustExistAndTakeATimeOrAFlag() {
        FlowProblem unknown = only(flow("id: id", TARGET + "\non-delete: mark\nmark-column: deleted"));
        assertThat(unknown.message()).isEqualTo("unknown column 'deleted' on table 'contacts'");
        assertThat(unknown.location()).isEqualTo(new Location(13, 16));
        FlowProblem text = only(flow("id: id", TARGET + "\non-delete: mark\nmark-column: email"));
        assertThat(text.message()).startsWith("mark column 'email' is string; it must be a date-time");
        FlowProblem missing = parseOnly(flow("id: id", TARGET + "\non-delete: mark"));
        assertThat(missing.message()).startsWith("on-delete: mark needs 'mark-column'");
        FlowProblem misspelt = parseOnly(flow("id: id", TARGET + "\non-delete: delet"));
        assertThat(misspelt.message()).isEqualTo("on-delete must be ignore, delete or mark, not 'delet'");
        assertThat(misspelt.suggestion()).isEqualTo("delete");
        FlowProblem create = parseOnly(flow("id: id", TARGET.replace("upsert", "create") + "\non-delete: delete"));
        assertThat(create.message()).startsWith("on-delete: delete needs write: upsert or update");
    }

    @Test
    void aValidMarkColumnPasses() {
        try (CheckedFlow f = new FlowValidator(resolver, Map.of()).check(FlowParser.parse("p.yaml",
                flow("id: id\nemail: email", TARGET + "\non-delete: mark\nmark-column: born")))) {
            assertThat(f.markColumn().name()).isEqualTo("born");
            assertThat(f.definition().target().onDelete()).isEqualTo(OnDelete.MARK);
        }
    }

    private static FlowProblem parseOnly(String yaml) {
        try {
            FlowParser.parse("p.yaml", yaml);
            throw new AssertionError("expected a problem");
        } catch (FlowException e) {
            assertThat(e.problems()).hasSize(1);
            return e.problems().get(0);
        }
    }
}
