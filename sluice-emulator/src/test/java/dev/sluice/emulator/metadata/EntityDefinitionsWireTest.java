package dev.sluice.emulator.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Wire;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EntityDefinitionsWireTest {
    static Wire wire;

    @BeforeAll
    static void start() {
        wire = Wire.startNoAuth();
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    @Test
    void collectionListsEveryTableInOneResponseWithoutPaging() {
        HttpResponse<String> r = wire.get("EntityDefinitions?$select=LogicalName,EntitySetName");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("OData-Version")).hasValue("4.0");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; odata.metadata=minimal");
        JsonNode body = Wire.json(r);
        assertThat(body.get("@odata.context").asText())
                .isEqualTo(wire.api("$metadata#EntityDefinitions(LogicalName,EntitySetName)"));
        assertThat(body.get("value").findValuesAsText("LogicalName"))
                .containsExactly("account", "contact", "lead", "opportunity", "systemuser", "businessunit");
        assertThat(body.has("@odata.nextLink")).isFalse();
    }

    @Test
    void selectReturnsOnlyTheSelectedPropertiesPlusMetadataId() {
        JsonNode account = Wire.json(wire.get(Urls.encode("EntityDefinitions?$select=LogicalName,EntitySetName,"
                + "PrimaryIdAttribute,PrimaryNameAttribute&$filter=LogicalName eq 'account'"))).get("value").get(0);
        assertThat(Urls.fieldNames(account)).containsExactly("LogicalName", "EntitySetName", "PrimaryIdAttribute",
                "PrimaryNameAttribute", "MetadataId");
        assertThat(account.get("EntitySetName").asText()).isEqualTo("accounts");
        assertThat(account.get("PrimaryIdAttribute").asText()).isEqualTo("accountid");
        assertThat(account.get("PrimaryNameAttribute").asText()).isEqualTo("name");
    }

    @Test
    void tableIsRetrievedByLogicalNameAlternateKey() {
        HttpResponse<String> r = wire.get("EntityDefinitions(LogicalName='account')");
        assertThat(r.statusCode()).isEqualTo(200);
        JsonNode account = Wire.json(r);
        assertThat(account.get("@odata.context").asText()).isEqualTo(wire.api("$metadata#EntityDefinitions/$entity"));
        assertThat(account.get("LogicalName").asText()).isEqualTo("account");
        assertThat(account.get("SchemaName").asText()).isEqualTo("Account");
        assertThat(account.get("EntitySetName").asText()).isEqualTo("accounts");
        assertThat(account.get("LogicalCollectionName").asText()).isEqualTo("accounts");
        assertThat(account.get("CollectionSchemaName").asText()).isEqualTo("Accounts");
        assertThat(account.get("ObjectTypeCode").asInt()).isEqualTo(1);
        assertThat(account.get("IsCustomEntity").asBoolean()).isFalse();
        assertThat(account.get("OwnershipType").asText()).isEqualTo("UserOwned");
        assertThat(account.get("ChangeTrackingEnabled").asBoolean()).isTrue();
        assertThat(account.get("IsOptimisticConcurrencyEnabled").asBoolean()).isTrue();
        assertThat(account.get("CanCreateAttributes").get("Value").asBoolean()).isTrue();
        assertThat(account.has("Attributes")).as("navigation properties only come with $expand").isFalse();
    }

    @Test
    void selectedSingleTableHasSelectInContext() {
        JsonNode account = Wire.json(wire.get(
                "EntityDefinitions(LogicalName='account')?$select=LogicalName,EntitySetName"));
        assertThat(account.get("@odata.context").asText())
                .isEqualTo(wire.api("$metadata#EntityDefinitions(LogicalName,EntitySetName)/$entity"));
        assertThat(Urls.fieldNames(account)).containsExactly("@odata.context", "LogicalName", "EntitySetName", "MetadataId");
    }

    @Test
    void displayNamesAreLabelObjectsInEnglish() {
        JsonNode account = Wire.json(wire.get(
                "EntityDefinitions(LogicalName='account')?$select=DisplayName,DisplayCollectionName,Description"));
        JsonNode label = account.get("DisplayName").get("LocalizedLabels").get(0);
        assertThat(label.get("Label").asText()).isEqualTo("Account");
        assertThat(label.get("LanguageCode").asInt()).isEqualTo(1033);
        assertThat(label.get("IsManaged").asBoolean()).isTrue();
        assertThat(label.get("MetadataId").asText()).matches("[0-9a-f-]{36}");
        assertThat(label.get("HasChanged").isNull()).isTrue();
        assertThat(account.get("DisplayName").get("UserLocalizedLabel")).isEqualTo(label);
        assertThat(account.at("/DisplayCollectionName/UserLocalizedLabel/Label").asText()).isEqualTo("Accounts");
        assertThat(account.at("/Description/LocalizedLabels").size()).isZero();
        assertThat(account.at("/Description/UserLocalizedLabel").isNull()).isTrue();
    }

    @Test
    void tableIsRetrievedByMetadataIdWithTheSameStableId() {
        String id = Wire.json(wire.get("EntityDefinitions(LogicalName='contact')?$select=LogicalName"))
                .get("MetadataId").asText();
        JsonNode byId = Wire.json(wire.get("EntityDefinitions(" + id + ")?$select=LogicalName"));
        assertThat(byId.get("LogicalName").asText()).isEqualTo("contact");
        assertThat(byId.get("MetadataId").asText()).isEqualTo(id);
        try (Wire other = Wire.startNoAuth()) {
            assertThat(Wire.json(other.get("EntityDefinitions(LogicalName='contact')?$select=LogicalName"))
                    .get("MetadataId").asText()).isEqualTo(id);
        }
    }

    @Test
    void organizationOwnedTablesSayso() {
        JsonNode user = Wire.json(wire.get("EntityDefinitions(LogicalName='systemuser')"));
        assertThat(user.get("OwnershipType").asText()).isEqualTo("OrganizationOwned");
        assertThat(user.get("ObjectTypeCode").asInt()).isEqualTo(8);
        assertThat(user.get("SchemaName").asText()).isEqualTo("SystemUser");
        assertThat(user.at("/DisplayCollectionName/UserLocalizedLabel/Label").asText()).isEqualTo("Users");
    }

    @Test
    void filterOnEnumNeedsTheQualifiedLiteral() {
        JsonNode body = Wire.json(wire.get(Urls.encode("EntityDefinitions?$select=LogicalName&$filter=OwnershipType eq "
                + "Microsoft.Dynamics.CRM.OwnershipTypes'OrganizationOwned'")));
        assertThat(body.get("value").findValuesAsText("LogicalName")).containsExactly("systemuser", "businessunit");
    }

    @Test
    void filterCombinesConditionsWithAndOrNotAndFunctions() {
        assertThat(names("IsCustomEntity eq false and startswith(LogicalName,'c')")).containsExactly("contact");
        assertThat(names("LogicalName eq 'lead' or LogicalName eq 'opportunity'")).containsExactly("lead", "opportunity");
        assertThat(names("not (ObjectTypeCode lt 8)")).containsExactly("systemuser", "businessunit");
        assertThat(names("endswith(EntitySetName,'ies') or contains(LogicalName,'UNIT')"))
                .containsExactly("opportunity", "businessunit");
        assertThat(names("CanCreateAttributes/Value eq true and ObjectTypeCode ge 3 and ObjectTypeCode le 4"))
                .containsExactly("lead", "opportunity");
        assertThat(names("IsCustomEntity")).isEmpty();
        assertThat(names("PrimaryImageAttribute eq null and LogicalName ne 'account'")).hasSize(5);
    }

    @Test
    void filterThatMatchesNothingIsAnEmptyCollection() {
        JsonNode body = Wire.json(wire.get(Urls.encode("EntityDefinitions?$filter=LogicalName eq 'nothing'")));
        assertThat(body.get("value").isArray()).isTrue();
        assertThat(body.get("value").size()).isZero();
    }

    @Test
    void propertyOfATableIsReturnedOnItsOwn() {
        JsonNode body = Wire.json(wire.get("EntityDefinitions(LogicalName='lead')/EntitySetName"));
        assertThat(body.get("@odata.context").asText())
                .isEqualTo(wire.api("$metadata#EntityDefinitions('lead')/EntitySetName"));
        assertThat(body.get("value").asText()).isEqualTo("leads");
    }

    @Test
    void dynamicsWebApiEntityNameMappingCallWorks() {
        HttpResponse<String> r = wire.get("EntityDefinitions?$select=EntitySetName,LogicalName",
                "Cache-Control", "no-cache");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(Wire.json(r).get("value").findValuesAsText("EntitySetName"))
                .contains("accounts", "opportunities", "businessunits");
    }

    private static List<String> names(String filter) {
        HttpResponse<String> r = wire.get(Urls.encode("EntityDefinitions?$select=LogicalName&$filter=" + filter));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return Wire.json(r).get("value").findValuesAsText("LogicalName");
    }
}
