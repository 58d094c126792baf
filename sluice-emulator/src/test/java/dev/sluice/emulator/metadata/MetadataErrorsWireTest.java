package dev.sluice.emulator.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Wire;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MetadataErrorsWireTest {
    static Wire wire;

    @BeforeAll
    static void start() {
        wire = Wire.startNoAuth();
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    /** Sends a request and returns the error object after checking status and code. */
    private static JsonNode error(String method, String url, int status, String code) {
        HttpResponse<String> r = wire.call(method, Urls.encode(url), method.equals("GET") ? null : "{}");
        assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
        assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json; odata.metadata=minimal");
        JsonNode error = Wire.json(r).get("error");
        assertThat(error.get("code").asText()).isEqualTo(code);
        return error;
    }

    private static String message(String url, int status, String code) {
        return error("GET", url, status, code).get("message").asText();
    }

    @Test
    void metadataWritesAreRefusedAsNotSupported() {
        String post = error("POST", "EntityDefinitions", 405, "0x80040315").get("message").asText();
        assertThat(post).contains("'POST'", "EntityDefinitions", "does not support metadata changes");
        error("PATCH", "EntityDefinitions(LogicalName='account')", 405, "0x80040315");
        error("PUT", "EntityDefinitions(LogicalName='account')/Attributes(LogicalName='name')", 405, "0x80040315");
        error("DELETE", "RelationshipDefinitions(SchemaName='contact_customer_accounts')", 405, "0x80040315");
        error("POST", "GlobalOptionSetDefinitions", 405, "0x80040315");
    }

    @Test
    void unknownTableIsNotFoundInTheMetadataCache() {
        assertThat(message("EntityDefinitions(LogicalName='acount')", 404, "0x80041102")).isEqualTo(
                "The entity with a name = 'acount' with namemapping = 'Logical' was not found in the MetadataCache.");
        assertThat(message("EntityDefinitions(00000000-0000-0000-0000-000000000001)", 404, "0x80040217"))
                .contains("00000000-0000-0000-0000-000000000001");
    }

    @Test
    void unknownColumnKeyAndRelationshipAreNotFound() {
        assertThat(message("EntityDefinitions(LogicalName='account')/Attributes(LogicalName='nme')", 404, "0x80040217"))
                .contains("'nme'", "'account'");
        assertThat(message("EntityDefinitions(LogicalName='account')/Keys(LogicalName='nokey')", 404, "0x80040217"))
                .contains("'nokey'");
        assertThat(message("RelationshipDefinitions(SchemaName='Account_Tasks')", 404, "0x80040217"))
                .contains("'Account_Tasks'");
        assertThat(message("GlobalOptionSetDefinitions(Name='incident_caseorigincode')", 404, "0x80040217"))
                .contains("'incident_caseorigincode'");
    }

    @Test
    void unknownNavigationIsResourceNotFound() {
        assertThat(message("EntityDefinitions(LogicalName='account')/Atributes", 404, "0x0"))
                .isEqualTo("Resource not found for the segment 'Atributes'.");
        assertThat(message("EntityDefinitions/Attributes", 404, "0x0"))
                .isEqualTo("Resource not found for the segment 'Attributes'.");
        assertThat(message("EntityDefinitions(LogicalName='account')/Attributes/Microsoft.Dynamics.CRM.Nope", 404,
                "0x0")).isEqualTo("Resource not found for the segment 'Microsoft.Dynamics.CRM.Nope'.");
    }

    @Test
    void malformedKeysAreBadRequests() {
        assertThat(message("EntityDefinitions(Name='account')", 400, "0x8006088A"))
                .contains("Microsoft.Dynamics.CRM.EntityMetadata", "LogicalName='…'");
        message("EntityDefinitions(LogicalName=account)", 400, "0x8006088A");
        message("EntityDefinitions(not-a-guid)", 400, "0x8006088A");
        assertThat(message("RelationshipDefinitions(LogicalName='x')", 400, "0x8006088A")).contains("SchemaName='…'");
    }

    @Test
    void unknownSelectedPropertyNamesTheType() {
        assertThat(message("EntityDefinitions?$select=LogicalNme", 400, "0x80060888")).isEqualTo(
                "Could not find a property named 'LogicalNme' on type 'Microsoft.Dynamics.CRM.EntityMetadata'.");
    }

    @Test
    void derivedPropertiesNeedACast() {
        assertThat(message("EntityDefinitions(LogicalName='account')/Attributes?$select=MaxLength", 400, "0x80060888"))
                .isEqualTo("Could not find a property named 'MaxLength' on type "
                        + "'Microsoft.Dynamics.CRM.AttributeMetadata'.");
        assertThat(message("EntityDefinitions(LogicalName='account')?$expand=Attributes($expand=OptionSet)", 400,
                "0x80060888")).isEqualTo("Could not find a property named 'OptionSet' on type "
                        + "'Microsoft.Dynamics.CRM.AttributeMetadata'.");
        assertThat(message("RelationshipDefinitions?$select=ReferencedEntity", 400, "0x80060888"))
                .contains("'Microsoft.Dynamics.CRM.RelationshipMetadataBase'");
    }

    @Test
    void badExpandsAreRejected() {
        message("EntityDefinitions?$expand=Atributes", 400, "0x80060888");
        assertThat(message("EntityDefinitions?$expand=LogicalName", 400, "0x80060888"))
                .contains("not a navigation property");
        assertThat(message("EntityDefinitions?$select=Attributes", 400, "0x80060888")).contains("$expand=Attributes");
        assertThat(message("EntityDefinitions?$expand=Attributes($top=1)", 400, "0x80060888")).contains("'$top'");
    }

    @Test
    void pagingOrderingAndCountingOptionsAreNotSupported() {
        assertThat(message("EntityDefinitions?$top=1", 400, "0x80060888")).contains("'$top'", "not supported");
        message("EntityDefinitions?$orderby=LogicalName", 400, "0x80060888");
        message("EntityDefinitions?$count=true", 400, "0x80060888");
        message("EntityDefinitions?$skip=1", 400, "0x80060888");
    }

    @Test
    void enumFiltersNeedTheQualifiedLiteral() {
        assertThat(message("EntityDefinitions(LogicalName='account')/Attributes?$filter=AttributeType eq 'Picklist'",
                400, "0x80060888")).isEqualTo("A binary operator with incompatible types was detected. Found operand "
                        + "types 'Microsoft.Dynamics.CRM.AttributeTypeCode' and 'Edm.String' for operator kind 'Equal'.");
        assertThat(message("EntityDefinitions(LogicalName='account')/Attributes?$filter=AttributeType eq "
                + "Microsoft.Dynamics.CRM.AttributeTypeCode'Pickles'", 400, "0x80060888")).contains("'Pickles'");
        assertThat(message("EntityDefinitions?$filter=OwnershipType eq "
                + "Microsoft.Dynamics.CRM.AttributeTypeCode'String'", 400, "0x80060888"))
                .contains("incompatible types");
    }

    @Test
    void filtersOnLabelsComplexValuesAndTypeMismatchesAreRejected() {
        assertThat(message("EntityDefinitions?$filter=DisplayName eq 'Account'", 400, "0x80060888")).contains("Label");
        assertThat(message("EntityDefinitions?$filter=CanCreateAttributes eq true", 400, "0x80060888"))
                .contains("CanCreateAttributes/Value");
        assertThat(message("EntityDefinitions?$filter=CanCreateAttributes/Valu eq true", 400, "0x80060888"))
                .contains("'Valu'");
        assertThat(message("EntityDefinitions?$filter=IsCustomEntity eq 'yes'", 400, "0x80060888"))
                .contains("'Edm.Boolean' and 'Edm.String'");
        assertThat(message("EntityDefinitions?$filter=Nope eq 1", 400, "0x80060888"))
                .isEqualTo("Could not find a property named 'Nope' on type 'Microsoft.Dynamics.CRM.EntityMetadata'.");
    }

    @Test
    void unsupportedFilterFeaturesAreNamed() {
        assertThat(message("EntityDefinitions?$filter=tolower(LogicalName) eq 'account'", 400, "0x80060888"))
                .contains("'tolower'", "startswith");
        assertThat(message("EntityDefinitions?$filter=Attributes/any(a:a/LogicalName eq 'name')", 400, "0x80060888"))
                .contains("lambda", "'Attributes/any'");
        assertThat(message("EntityDefinitions?$filter=ObjectTypeCode add 1 eq 2", 400, "0x80060888"))
                .contains("'add'");
    }

    @Test
    void malformedFiltersSayWhere() {
        assertThat(message("EntityDefinitions?$filter=LogicalName eq 'account", 400, "0x80060888"))
                .isEqualTo("There is an unterminated literal at position 15 in 'LogicalName eq 'account'.");
        assertThat(message("EntityDefinitions?$filter=LogicalName eq", 400, "0x80060888"))
                .isEqualTo("Syntax error at position 14 in 'LogicalName eq'.");
        message("EntityDefinitions?$filter=(LogicalName eq 'account'", 400, "0x80060888");
        message("EntityDefinitions?$filter=LogicalName eq 'a' and", 400, "0x80060888");
    }

    @Test
    void filterOnASingleItemIsRejected() {
        assertThat(message("EntityDefinitions(LogicalName='account')?$filter=IsCustomEntity eq false", 400,
                "0x80060888")).contains("collection");
    }

    @Test
    void globalOptionSetDefinitionsDoNotFilter() {
        assertThat(message("GlobalOptionSetDefinitions?$filter=Name eq 'x'", 400, "0x80060888"))
                .contains("does not support $filter");
    }

    @Test
    void castsMustNameAConcreteMatchingType() {
        assertThat(message("EntityDefinitions(LogicalName='account')/Attributes/"
                + "Microsoft.Dynamics.CRM.EnumAttributeMetadata", 400, "0x80060888")).contains("abstract");
        assertThat(message("EntityDefinitions(LogicalName='account')/Attributes(LogicalName='name')/"
                + "Microsoft.Dynamics.CRM.PicklistAttributeMetadata", 400, "0x80060888"))
                .contains("StringAttributeMetadata", "'name'");
        assertThat(message("EntityDefinitions(LogicalName='account')/Attributes/"
                + "Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata", 400, "0x80060888"))
                .contains("not derived");
    }
}
