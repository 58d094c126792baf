package dev.sluice.flow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.WriteMode;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A definition written as YAML reads back as the same definition, and the text is what people expect to read. */
class FlowYamlTest {
    @Test
    void aDesignedFlowIsWrittenAsTheReadmeWritesFlows() {
        FlowDefinition d = new FlowDefinition("accounts-to-warehouse",
                new SourceSpec("crm", "account", List.of("accountid", "name", "revenue"), "revenue > 1000.0",
                        new Incremental.ChangeTracking(false), null),
                List.of(new ColumnMapping("id", new Mapping.Expression("accountid")),
                        new ColumnMapping("name", new Mapping.Expression("name + \" *\"")),
                        new ColumnMapping("industry", new Mapping.ChoiceLabel("industrycode")),
                        new ColumnMapping("country", new Mapping.Constant("NL"))),
                new TargetSpec("warehouse", "crm_accounts", WriteMode.UPSERT, List.of("id"), 500, OnDelete.MARK,
                        "deleted_at"), ErrorPolicy.DEAD_LETTER, "cron 0 6 * * 1-5", Map.of());
        assertThat(FlowYaml.write(d)).isEqualTo("""
                flow: accounts-to-warehouse
                source:
                  connection: crm
                  table: account
                  select: [accountid, name, revenue]
                  where: "revenue > 1000.0"
                  incremental: change-tracking
                map:
                  id: accountid
                  name: "name + \\" *\\""
                  industry: { label: industrycode }
                  country: { value: "NL" }
                target:
                  connection: warehouse
                  table: crm_accounts
                  write: upsert
                  key: [id]
                  on-delete: mark
                  mark-column: deleted_at
                schedule: "cron 0 6 * * 1-5"
                """);
        assertThat(FlowParser.parse("f.yaml", FlowYaml.write(d)).definition()).isEqualTo(d);
    }

    @Test
    void everyPartOfTheModelReadsBackUnchanged() {
        Map<String, ConnectionSpec> declared = new LinkedHashMap<>();
        declared.put("files", new ConnectionSpec.Files("./data dir"));
        declared.put("dw", new ConnectionSpec.Jdbc("jdbc:h2:file:./dw;WRITE_DELAY=0", "sa", "DW_PASSWORD"));
        declared.put("on", new ConnectionSpec.Dataverse("http://127.0.0.1:7070", "CRM_TOKEN"));
        Map<String, String> key = new LinkedHashMap<>();
        key.put("accountnumber", "company");
        key.put("name", "'x' + company");
        FlowDefinition d = new FlowDefinition("all.parts_1",
                new SourceSpec("files", "people.csv", List.of(), "first != 'te\"st\\\\'\n",
                        new Incremental.Watermark("modified"), new Trigger(Trigger.Kind.NEW_OR_UPDATED,
                        Duration.ofSeconds(90))),
                List.of(new ColumnMapping("true", new Mapping.Constant(42L)),
                        new ColumnMapping("Odd Name", new Mapping.Constant(new BigDecimal("10.50"))),
                        new ColumnMapping("flag", new Mapping.Constant(Boolean.TRUE)),
                        new ColumnMapping("nothing", new Mapping.Constant(null)),
                        new ColumnMapping("text", new Mapping.Constant("yes")),
                        new ColumnMapping("gendercode", new Mapping.ChoiceValue("gender")),
                        new ColumnMapping("parentcustomerid", new Mapping.Lookup("account", key)),
                        new ColumnMapping("tab", new Mapping.Expression("a\tb"))),
                new TargetSpec("dw", "people", WriteMode.UPDATE, List.of("id", "on"), 50, OnDelete.DELETE, null),
                ErrorPolicy.FAIL, "every 15m", declared);
        String yaml = FlowYaml.write(d);
        assertThat(yaml).contains("  \"true\": 42\n", "  \"Odd Name\": 10.50\n", "  text: { value: \"yes\" }\n",
                "  interval: 90s\n", "errors: fail\n", "key: [id, \"on\"]");
        assertThat(FlowParser.parse("f.yaml", yaml).definition()).isEqualTo(d);
    }

    @Test
    void changeTrackingThatFailsOnAnExpiredTokenAndAFlowWithoutMappingsReadBack() {
        FlowDefinition d = new FlowDefinition("ct", new SourceSpec("crm", "contact", List.of("contactid"), null,
                new Incremental.ChangeTracking(true), new Trigger(Trigger.Kind.NEW_OR_UPDATED, null)), List.of(),
                new TargetSpec("dw", "contacts", WriteMode.CREATE, List.of(), 1000), null, null, null);
        String yaml = FlowYaml.write(d);
        assertThat(yaml).contains("on-expired-token: fail", "map: {}", "interval: 5m", "chunk-size: 1000");
        assertThat(FlowParser.parse("f.yaml", yaml).definition()).isEqualTo(d);
    }

    @Test
    void intervalsUseTheLargestUnitThatDividesThem() {
        assertThat(FlowYaml.duration(Duration.ofMinutes(120))).isEqualTo("2h");
        assertThat(FlowYaml.duration(Duration.ofDays(2))).isEqualTo("2d");
        assertThat(FlowYaml.duration(Duration.ofSeconds(61))).isEqualTo("61s");
    }
}
