package dev.sluice.emulator.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomTableDefinitionsWireTest {
    @TempDir
    static Path dir;

    static Wire wire;

    @BeforeAll
    static void start() throws IOException {
        Path schema = dir.resolve("schema.yaml");
        Files.writeString(schema, """
                tables:
                  - logicalName: new_project
                    entitySetName: new_projects
                    displayName: Project
                    primaryName: new_name
                    columns:
                      - { name: new_name, type: String, maxLength: 100, required: true }
                      - { name: new_stage, type: Picklist, options: { 1: Plan, 2: Build } }
                      - { name: new_accountid, type: Lookup, target: account, relationship: new_account_projects }
                    keys:
                      - { name: new_name_key, columns: [new_name] }
                """);
        wire = Wire.start(Emulator.builder().noAuth(true).schemaFile(schema));
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    private static JsonNode get(String url) {
        HttpResponse<String> r = wire.get(Urls.encode(url));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Wire.json(r);
    }

    @Test
    void customTableIsCustomUnmanagedWithDerivedNames() {
        JsonNode t = get("EntityDefinitions(LogicalName='new_project')");
        assertThat(t.get("IsCustomEntity").asBoolean()).isTrue();
        assertThat(t.get("IsManaged").asBoolean()).isFalse();
        assertThat(t.get("SchemaName").asText()).isEqualTo("new_Project");
        assertThat(t.get("CollectionSchemaName").asText()).isEqualTo("new_Projects");
        assertThat(t.get("EntitySetName").asText()).isEqualTo("new_projects");
        assertThat(t.get("PrimaryIdAttribute").asText()).isEqualTo("new_projectid");
        assertThat(t.get("PrimaryNameAttribute").asText()).isEqualTo("new_name");
        assertThat(t.get("ObjectTypeCode").asInt()).isEqualTo(10000);
        assertThat(t.at("/DisplayName/UserLocalizedLabel/IsManaged").asBoolean()).isFalse();
    }

    @Test
    void filterSeparatesCustomFromStandardTables() {
        assertThat(get("EntityDefinitions?$select=LogicalName&$filter=IsCustomEntity eq true")
                .get("value").findValuesAsText("LogicalName")).containsExactly("new_project");
    }

    @Test
    void customColumnsAreCustomAndSystemColumnsAreNot() {
        JsonNode body = get("EntityDefinitions(LogicalName='new_project')/Attributes?$select=LogicalName,SchemaName"
                + "&$filter=IsCustomAttribute eq true");
        assertThat(body.get("value").findValuesAsText("LogicalName"))
                .containsExactly("new_projectid", "new_name", "new_stage", "new_accountid");
        assertThat(body.get("value").findValuesAsText("SchemaName"))
                .containsExactly("new_ProjectId", "new_Name", "new_Stage", "new_Accountid");
    }

    @Test
    void customLookupAddsARelationshipToTheReferencedTable() {
        JsonNode body = get("EntityDefinitions(LogicalName='account')/OneToManyRelationships"
                + "?$select=SchemaName,IsCustomRelationship&$filter=ReferencingEntity eq 'new_project'");
        assertThat(body.at("/value/0/SchemaName").asText()).isEqualTo("new_account_projects");
        assertThat(body.at("/value/0/IsCustomRelationship").asBoolean()).isTrue();
    }

    @Test
    void customChoiceHasItsLocalOptionSet() {
        JsonNode stage = get("EntityDefinitions(LogicalName='new_project')/Attributes(LogicalName='new_stage')/"
                + "Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet");
        assertThat(stage.at("/OptionSet/Name").asText()).isEqualTo("new_project_new_stage");
        assertThat(stage.at("/OptionSet/IsCustomOptionSet").asBoolean()).isTrue();
        assertThat(stage.at("/OptionSet/Options/1/Label/UserLocalizedLabel/Label").asText()).isEqualTo("Build");
    }

    @Test
    void customKeyIsListed() {
        JsonNode keys = get("EntityDefinitions(LogicalName='new_project')/Keys?$select=SchemaName,KeyAttributes");
        assertThat(keys.at("/value/0/SchemaName").asText()).isEqualTo("new_name_key");
        assertThat(keys.at("/value/0/KeyAttributes/0").asText()).isEqualTo("new_name");
    }
}
