package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.WriteMode;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FlowParserTest {
    private static final String EXAMPLE = """
            flow: accounts-to-warehouse
            source:
              connection: crm
              table: account
              select: [accountid, name, accountnumber, revenue, modifiedon]
              where: "statecode == 0"
              incremental: change-tracking
            map:
              id: accountid
              name: name
              revenue_eur: "revenue * 0.92"
              country: { value: "NL" }
              rating: 3
              parentcustomerid: { lookup: account, key: { accountnumber: parent_number } }
              industrycode: { choice: industry }
              industry_name: { label: industrycode }
            target:
              connection: warehouse
              table: crm_accounts
              write: upsert
              key: [id]
            errors: dead-letter
            schedule: every 15m
            """;

    @Test
    void theIssueExampleParsesIntoTheModel() {
        FlowDefinition d = FlowParser.parse("a.flow.yaml", EXAMPLE).definition();
        assertThat(d.name()).isEqualTo("accounts-to-warehouse");
        assertThat(d.source().select()).containsExactly("accountid", "name", "accountnumber", "revenue", "modifiedon");
        assertThat(d.source().where()).isEqualTo("statecode == 0");
        assertThat(d.source().incremental()).isEqualTo(new Incremental.ChangeTracking(false));
        assertThat(d.target()).isEqualTo(new TargetSpec("warehouse", "crm_accounts", WriteMode.UPSERT, List.of("id"), 500));
        assertThat(d.errors()).isEqualTo(ErrorPolicy.DEAD_LETTER);
        assertThat(d.schedule()).isEqualTo("every 15m");
        assertThat(d.mappings()).containsExactly(
                new ColumnMapping("id", new Mapping.Expression("accountid")),
                new ColumnMapping("name", new Mapping.Expression("name")),
                new ColumnMapping("revenue_eur", new Mapping.Expression("revenue * 0.92")),
                new ColumnMapping("country", new Mapping.Constant("NL")),
                new ColumnMapping("rating", new Mapping.Constant(3L)),
                new ColumnMapping("parentcustomerid", new Mapping.Lookup("account", Map.of("accountnumber", "parent_number"))),
                new ColumnMapping("industrycode", new Mapping.ChoiceValue("industry")),
                new ColumnMapping("industry_name", new Mapping.ChoiceLabel("industrycode")));
    }

    @Test
    void watermarkIncrementalAndTriggerParse() {
        FlowDefinition d = FlowParser.parse("w.yaml", """
                flow: w
                source: { connection: crm, table: account, incremental: { watermark: modifiedon }, trigger: new-or-updated, interval: 30s }
                map: { name: name }
                target: { connection: files, table: out.csv, write: create }
                """).definition();
        assertThat(d.source().incremental()).isEqualTo(new Incremental.Watermark("modifiedon"));
        assertThat(d.source().trigger()).isEqualTo(new Trigger(Trigger.Kind.NEW_OR_UPDATED, java.time.Duration.ofSeconds(30)));
    }

    @Test
    void unknownKeyIsReportedWithLineColumnAndSuggestion() {
        assertThatThrownBy(() -> FlowParser.parse("f.yaml", EXAMPLE.replace("  table: crm_accounts", "  tabel: crm_accounts")))
                .isInstanceOf(FlowException.class)
                .satisfies(e -> assertThat(((FlowException) e).problems()).anySatisfy(p -> {
                    assertThat(p.message()).startsWith("unknown key 'tabel' in target");
                    assertThat(p.location()).isEqualTo(new Location(19, 3));
                    assertThat(p.suggestion()).isEqualTo("table");
                    assertThat(p.toString()).startsWith("f.yaml:19:3: unknown key 'tabel'").endsWith("(did you mean 'table'?)");
                }));
    }

    @Test
    void yamlSyntaxErrorNamesLineAndColumn() {
        assertThatThrownBy(() -> FlowParser.parse("bad.yaml", "flow: x\nsource: [a, b\ntarget: {}\n"))
                .isInstanceOf(FlowException.class)
                .satisfies(e -> assertThat(((FlowException) e).problems()).singleElement().satisfies(p -> {
                    assertThat(p.message()).startsWith("YAML syntax error");
                    assertThat(p.location().line()).isGreaterThanOrEqualTo(2);
                }));
    }

    @Test
    void missingSectionsAndBadValuesAreAllReported() {
        assertThatThrownBy(() -> FlowParser.parse("m.yaml", """
                flow: m
                source: { connection: crm }
                target: { connection: w, table: t, write: upsret }
                errors: stop
                """))
                .isInstanceOf(FlowException.class)
                .satisfies(e -> assertThat(((FlowException) e).problems()).extracting(FlowProblem::toString)
                        .containsExactly(
                                "m.yaml:2:9: 'source' needs 'table'",
                                "m.yaml:3:43: write must be create, update, upsert or delete, not 'upsret' (did you mean 'upsert'?)",
                                "m.yaml:4:9: errors must be 'dead-letter' or 'fail', not 'stop'"));
    }

    @Test
    void keyedWriteWithoutKeyIsRefused() {
        assertThatThrownBy(() -> FlowParser.parse("k.yaml", """
                flow: k
                source: { connection: a, table: t }
                map: { x: x }
                target: { connection: b, table: t, write: update }
                """))
                .hasMessageContaining("k.yaml:4:9: target: write 'update' needs 'key'");
    }

    @Test
    void numbersInMappingsAreConstants() {
        FlowDefinition d = FlowParser.parse("c.yaml", """
                flow: c
                source: { connection: a, table: t }
                map: { rate: 0.5, on: true, none: null }
                target: { connection: b, table: t, write: create }
                """).definition();
        assertThat(d.mappings()).extracting(ColumnMapping::mapping).containsExactly(
                new Mapping.Constant(new BigDecimal("0.5")), new Mapping.Constant(true), new Mapping.Constant(null));
    }

    @Test
    void everyLineWithAYamlSyntaxErrorIsReportedNotOnlyTheFirst() {
        String yaml = """
                flow: people
                source:
                  connection: files
                  table: people.csv
                   bad: indentation
                map:
                  id: id
                target: { connection: files, table: out.csv, write: upsert, key: [id] }
                  oops: here
                """;
        assertThatThrownBy(() -> FlowParser.parse("s.yaml", yaml)).isInstanceOfSatisfying(FlowException.class,
                e -> assertThat(e.problems()).extracting(p -> p.location().line()).containsExactly(5, 8));
    }
}
