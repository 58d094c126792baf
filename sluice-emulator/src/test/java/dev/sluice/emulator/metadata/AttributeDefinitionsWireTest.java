package dev.sluice.emulator.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Wire;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class AttributeDefinitionsWireTest {
    static Wire wire;

    @BeforeAll
    static void start() {
        wire = Wire.startNoAuth();
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
    void expandAttributesGivesEveryColumnWithItsDerivedType() {
        JsonNode account = get("EntityDefinitions(LogicalName='account')?$select=LogicalName&$expand=Attributes");
        assertThat(account.get("@odata.context").asText())
                .isEqualTo(wire.api("$metadata#EntityDefinitions(LogicalName,Attributes)/$entity"));
        JsonNode attributes = account.get("Attributes");
        JsonNode name = find(attributes, "name");
        assertThat(name.get("@odata.type").asText()).isEqualTo("#Microsoft.Dynamics.CRM.StringAttributeMetadata");
        assertThat(name.get("SchemaName").asText()).isEqualTo("Name");
        assertThat(name.get("AttributeType").asText()).isEqualTo("String");
        assertThat(name.get("AttributeTypeName").get("Value").asText()).isEqualTo("StringType");
        assertThat(name.at("/DisplayName/UserLocalizedLabel/Label").asText()).isEqualTo("Account Name");
        assertThat(name.get("IsPrimaryName").asBoolean()).isTrue();
        assertThat(name.get("IsPrimaryId").asBoolean()).isFalse();
        assertThat(name.get("MaxLength").asInt()).isEqualTo(160);
        assertThat(name.get("RequiredLevel").get("Value").asText()).isEqualTo("ApplicationRequired");
        assertThat(name.get("RequiredLevel").get("CanBeChanged").asBoolean()).isTrue();
        assertThat(name.get("RequiredLevel").get("ManagedPropertyLogicalName").asText())
                .isEqualTo("canmodifyrequirementlevelsettings");
        assertThat(name.get("IsValidForCreate").asBoolean()).isTrue();
        assertThat(name.get("IsValidForUpdate").asBoolean()).isTrue();
        assertThat(name.get("IsValidForRead").asBoolean()).isTrue();

        JsonNode id = find(attributes, "accountid");
        assertThat(id.get("@odata.type").asText())
                .isEqualTo("#Microsoft.Dynamics.CRM.UniqueIdentifierAttributeMetadata");
        assertThat(id.get("IsPrimaryId").asBoolean()).isTrue();
        assertThat(id.get("IsValidForUpdate").asBoolean()).isFalse();
        assertThat(id.get("RequiredLevel").get("Value").asText()).isEqualTo("SystemRequired");

        JsonNode createdOn = find(attributes, "createdon");
        assertThat(createdOn.get("IsValidForCreate").asBoolean()).isFalse();
        assertThat(createdOn.get("IsValidForUpdate").asBoolean()).isFalse();
        assertThat(createdOn.get("AttributeType").asText()).isEqualTo("DateTime");
        assertThat(find(attributes, "primarycontactid").get("Targets").toString()).isEqualTo("[\"contact\"]");
        assertThat(find(attributes, "ownerid").get("AttributeType").asText()).isEqualTo("Owner");
        assertThat(find(attributes, "revenue").get("@odata.type").asText())
                .isEqualTo("#Microsoft.Dynamics.CRM.MoneyAttributeMetadata");
    }

    @Test
    void columnMetadataIdsAreStableAndAddressTheColumn() {
        JsonNode name = get("EntityDefinitions(LogicalName='account')/Attributes(LogicalName='name')?$select=LogicalName");
        String id = name.get("MetadataId").asText();
        JsonNode byId = get("EntityDefinitions(LogicalName='account')/Attributes(" + id + ")?$select=SchemaName");
        assertThat(byId.get("SchemaName").asText()).isEqualTo("Name");
        assertThat(byId.get("MetadataId").asText()).isEqualTo(id);
    }

    @Test
    void singleColumnHasItsTypeAnnotationAndEntityContext() {
        JsonNode email = get("EntityDefinitions(LogicalName='contact')/Attributes(LogicalName='emailaddress1')");
        assertThat(email.get("@odata.context").asText())
                .isEqualTo(wire.api("$metadata#EntityDefinitions('contact')/Attributes/$entity"));
        assertThat(email.get("@odata.type").asText()).isEqualTo("#Microsoft.Dynamics.CRM.StringAttributeMetadata");
        assertThat(email.get("SchemaName").asText()).isEqualTo("EMailAddress1");
        assertThat(email.get("Format").asText()).isEqualTo("Email");
        assertThat(email.get("MaxLength").asInt()).isEqualTo(100);
        assertThat(email.get("EntityLogicalName").asText()).isEqualTo("contact");
    }

    @Test
    void customerLookupTargetsBothTables() {
        JsonNode parent = get("EntityDefinitions(LogicalName='contact')/Attributes(LogicalName='parentcustomerid')");
        assertThat(parent.get("@odata.type").asText()).isEqualTo("#Microsoft.Dynamics.CRM.LookupAttributeMetadata");
        assertThat(parent.get("AttributeType").asText()).isEqualTo("Customer");
        assertThat(parent.get("Targets").toString()).isEqualTo("[\"account\",\"contact\"]");
    }

    @Test
    void attributesCollectionFiltersByEnumAttributeType() {
        JsonNode body = get("EntityDefinitions(LogicalName='account')/Attributes?$select=LogicalName"
                + "&$filter=AttributeType eq Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist'");
        assertThat(body.get("@odata.context").asText())
                .isEqualTo(wire.api("$metadata#EntityDefinitions('account')/Attributes(LogicalName)"));
        assertThat(body.get("value").findValuesAsText("LogicalName"))
                .containsExactly("industrycode", "customertypecode");
    }

    @Test
    void expandedAttributesTakeNestedSelectAndFilter() {
        JsonNode account = get("EntityDefinitions(LogicalName='account')?$select=LogicalName&$expand=Attributes("
                + "$select=LogicalName;$filter=AttributeType eq Microsoft.Dynamics.CRM.AttributeTypeCode'Picklist')");
        assertThat(account.get("@odata.context").asText()).isEqualTo(wire.api(
                "$metadata#EntityDefinitions(LogicalName,Attributes,Attributes(LogicalName))/$entity"));
        JsonNode first = account.get("Attributes").get(0);
        assertThat(Urls.fieldNames(first)).containsExactly("@odata.type", "LogicalName", "MetadataId");
        assertThat(account.get("Attributes").findValuesAsText("LogicalName"))
                .containsExactly("industrycode", "customertypecode");
    }

    @Test
    void requiredLevelIsFilteredThroughItsValuePath() {
        JsonNode body = get("EntityDefinitions(LogicalName='account')/Attributes?$select=SchemaName&$filter="
                + "RequiredLevel/Value eq Microsoft.Dynamics.CRM.AttributeRequiredLevel'ApplicationRequired'");
        assertThat(body.get("value").findValuesAsText("SchemaName")).containsExactly("Name");
    }

    @Test
    void castCollectionReturnsOnlyThatTypeWithOptionSets() {
        JsonNode body = get("EntityDefinitions(LogicalName='account')/Attributes/"
                + "Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=OptionSet");
        assertThat(body.get("@odata.context").asText()).isEqualTo(wire.api("$metadata#EntityDefinitions('account')/"
                + "Attributes/Microsoft.Dynamics.CRM.PicklistAttributeMetadata(LogicalName,OptionSet)"));
        JsonNode industry = find(body.get("value"), "industrycode");
        assertThat(industry.has("@odata.type")).as("items are of the cast type").isFalse();
        JsonNode optionSet = industry.get("OptionSet");
        assertThat(optionSet.get("Name").asText()).isEqualTo("account_industrycode");
        assertThat(optionSet.get("OptionSetType").asText()).isEqualTo("Picklist");
        assertThat(optionSet.get("IsGlobal").asBoolean()).isFalse();
        JsonNode first = optionSet.get("Options").get(0);
        assertThat(first.get("Value").asInt()).isEqualTo(1);
        assertThat(first.at("/Label/UserLocalizedLabel/Label").asText()).isEqualTo("Accounting");
        assertThat(first.at("/Label/LocalizedLabels/0/LanguageCode").asInt()).isEqualTo(1033);
        assertThat(values(optionSet.get("Options"))).containsExactly(1, 2, 3, 4, 6, 7, 12, 19, 29, 33);
        assertThat(body.get("value").findValuesAsText("LogicalName")).containsExactly("industrycode",
                "customertypecode");
    }

    @Test
    void castCanSelectDerivedProperties() {
        JsonNode body = get("EntityDefinitions(LogicalName='account')/Attributes/"
                + "Microsoft.Dynamics.CRM.MoneyAttributeMetadata?$select=LogicalName,Precision");
        assertThat(body.get("value").findValuesAsText("LogicalName")).containsExactly("revenue", "creditlimit");
        assertThat(body.get("value").get(0).get("Precision").asInt()).isEqualTo(2);
    }

    @Test
    void castToATypeWithNoColumnsIsEmpty() {
        JsonNode body = get("EntityDefinitions(LogicalName='account')/Attributes/"
                + "Microsoft.Dynamics.CRM.MultiSelectPicklistAttributeMetadata?$select=LogicalName");
        assertThat(body.get("value").size()).isZero();
    }

    @Test
    void stateOptionsCarryTheirDefaultStatus() {
        JsonNode state = get("EntityDefinitions(LogicalName='lead')/Attributes(LogicalName='statecode')/"
                + "Microsoft.Dynamics.CRM.StateAttributeMetadata?$select=LogicalName&$expand=OptionSet($select=Options)");
        assertThat(state.get("@odata.context").asText()).isEqualTo(wire.api("$metadata#EntityDefinitions('lead')/"
                + "Attributes/Microsoft.Dynamics.CRM.StateAttributeMetadata(LogicalName,OptionSet,OptionSet(Options))"
                + "/$entity"));
        JsonNode disqualified = state.at("/OptionSet/Options/2");
        assertThat(disqualified.get("@odata.type").asText()).isEqualTo("#Microsoft.Dynamics.CRM.StateOptionMetadata");
        assertThat(disqualified.get("Value").asInt()).isEqualTo(2);
        assertThat(disqualified.get("InvariantName").asText()).isEqualTo("Disqualified");
        assertThat(disqualified.get("DefaultStatus").asInt()).isEqualTo(4);
        assertThat(Urls.fieldNames(state.get("OptionSet"))).containsExactly("Options", "MetadataId");
    }

    @Test
    void statusOptionsNameTheirState() {
        JsonNode body = get("EntityDefinitions(LogicalName='opportunity')/Attributes/"
                + "Microsoft.Dynamics.CRM.StatusAttributeMetadata?$select=LogicalName&$expand=OptionSet");
        JsonNode options = body.at("/value/0/OptionSet/Options");
        assertThat(options.get(0).get("@odata.type").asText())
                .isEqualTo("#Microsoft.Dynamics.CRM.StatusOptionMetadata");
        JsonNode won = options.get(2);
        assertThat(won.get("Value").asInt()).isEqualTo(3);
        assertThat(won.at("/Label/UserLocalizedLabel/Label").asText()).isEqualTo("Won");
        assertThat(won.get("State").asInt()).isEqualTo(1);
        assertThat(body.at("/value/0/OptionSet/OptionSetType").asText()).isEqualTo("Status");
    }

    @Test
    void yesNoColumnsHaveTrueAndFalseOptions() {
        JsonNode optionSet = get("EntityDefinitions(LogicalName='account')/Attributes(LogicalName='donotemail')/"
                + "Microsoft.Dynamics.CRM.BooleanAttributeMetadata/OptionSet");
        assertThat(optionSet.get("@odata.context").asText()).isEqualTo(wire.api("$metadata#EntityDefinitions("
                + "'account')/Attributes('donotemail')/Microsoft.Dynamics.CRM.BooleanAttributeMetadata/OptionSet/$entity"));
        assertThat(optionSet.get("OptionSetType").asText()).isEqualTo("Boolean");
        assertThat(optionSet.get("TrueOption").get("Value").asInt()).isEqualTo(1);
        assertThat(optionSet.at("/TrueOption/Label/UserLocalizedLabel/Label").asText()).isEqualTo("Do Not Allow");
        assertThat(optionSet.get("FalseOption").get("Value").asInt()).isEqualTo(0);
        assertThat(optionSet.at("/FalseOption/Label/UserLocalizedLabel/Label").asText()).isEqualTo("Allow");
        assertThat(optionSet.has("Options")).isFalse();
    }

    @Test
    void localOptionSetHasNoGlobalOptionSet() {
        HttpResponse<String> r = wire.get("EntityDefinitions(LogicalName='account')/Attributes(LogicalName="
                + "'industrycode')/Microsoft.Dynamics.CRM.PicklistAttributeMetadata/GlobalOptionSet".replace("'", "%27"));
        assertThat(r.statusCode()).isEqualTo(204);
        JsonNode expanded = get("EntityDefinitions(LogicalName='account')/Attributes(LogicalName='industrycode')/"
                + "Microsoft.Dynamics.CRM.PicklistAttributeMetadata?$select=LogicalName&$expand=GlobalOptionSet");
        assertThat(expanded.get("GlobalOptionSet").isNull()).isTrue();
    }

    private static JsonNode find(JsonNode array, String logicalName) {
        for (JsonNode n : array) {
            if (n.path("LogicalName").asText().equals(logicalName)) {
                return n;
            }
        }
        throw new AssertionError("no item with LogicalName " + logicalName + " in " + array);
    }

    private static List<Integer> values(JsonNode options) {
        List<Integer> out = new ArrayList<>();
        options.forEach(o -> out.add(o.get("Value").asInt()));
        return out;
    }
}
