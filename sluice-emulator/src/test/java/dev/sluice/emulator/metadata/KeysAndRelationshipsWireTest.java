package dev.sluice.emulator.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Wire;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeysAndRelationshipsWireTest {
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
    void keysOfATableListTheirColumnsAndAreActive() {
        JsonNode body = get("EntityDefinitions(LogicalName='account')/Keys");
        assertThat(body.get("@odata.context").asText())
                .isEqualTo(wire.api("$metadata#EntityDefinitions('account')/Keys"));
        assertThat(body.get("value").size()).isEqualTo(1);
        JsonNode key = body.get("value").get(0);
        assertThat(key.get("SchemaName").asText()).isEqualTo("AccountNumberKey");
        assertThat(key.get("LogicalName").asText()).isEqualTo("accountnumberkey");
        assertThat(key.get("KeyAttributes").toString()).isEqualTo("[\"accountnumber\"]");
        assertThat(key.get("EntityKeyIndexStatus").asText()).isEqualTo("Active");
        assertThat(key.get("EntityLogicalName").asText()).isEqualTo("account");
        assertThat(key.get("MetadataId").asText()).matches("[0-9a-f-]{36}");
    }

    @Test
    void keysAreExpandedForEveryTableWithNestedSelect() {
        JsonNode body = get("EntityDefinitions?$select=SchemaName&$expand=Keys($select=KeyAttributes)");
        assertThat(body.get("@odata.context").asText())
                .isEqualTo(wire.api("$metadata#EntityDefinitions(SchemaName,Keys,Keys(KeyAttributes))"));
        JsonNode contact = body.get("value").get(1);
        assertThat(contact.get("SchemaName").asText()).isEqualTo("Contact");
        assertThat(contact.at("/Keys/0/KeyAttributes/0").asText()).isEqualTo("emailaddress1");
        assertThat(Urls.fieldNames(contact.at("/Keys/0"))).containsExactly("KeyAttributes", "MetadataId");
        assertThat(body.get("value").get(2).get("Keys").size()).as("lead has no keys").isZero();
    }

    @Test
    void keyIsAddressedByItsLogicalName() {
        JsonNode key = get("EntityDefinitions(LogicalName='contact')/Keys(LogicalName='emailaddress1key')");
        assertThat(key.get("@odata.context").asText())
                .isEqualTo(wire.api("$metadata#EntityDefinitions('contact')/Keys/$entity"));
        assertThat(key.get("SchemaName").asText()).isEqualTo("EmailAddress1Key");
    }

    @Test
    void oneToManyRelationshipsOfATableAreThoseReferencingIt() {
        JsonNode body = get("EntityDefinitions(LogicalName='account')/OneToManyRelationships?$select=SchemaName,"
                + "ReferencingEntity,ReferencingAttribute&$filter=ReferencingEntity eq 'contact'");
        JsonNode r = body.get("value").get(0);
        assertThat(body.get("value").size()).isEqualTo(1);
        assertThat(r.get("SchemaName").asText()).isEqualTo("contact_customer_accounts");
        assertThat(r.get("ReferencingAttribute").asText()).isEqualTo("parentcustomerid");
        assertThat(r.has("@odata.type")).isFalse();
    }

    @Test
    void manyToOneRelationshipsAreTheTablesLookups() {
        JsonNode contact = get("EntityDefinitions(LogicalName='contact')?$select=LogicalName&$expand="
                + "ManyToOneRelationships($select=SchemaName,ReferencedEntity,ReferencingEntityNavigationPropertyName;"
                + "$filter=ReferencingAttribute eq 'parentcustomerid')");
        JsonNode rels = contact.get("ManyToOneRelationships");
        assertThat(rels.findValuesAsText("SchemaName"))
                .containsExactly("contact_customer_accounts", "contact_customer_contacts");
        assertThat(rels.findValuesAsText("ReferencedEntity")).containsExactly("account", "contact");
        assertThat(rels.findValuesAsText("ReferencingEntityNavigationPropertyName"))
                .containsExactly("parentcustomerid_account", "parentcustomerid_contact");
    }

    @Test
    void manyToManyRelationshipsAreEmptyInTheSampleOrg() {
        JsonNode account = get("EntityDefinitions(LogicalName='account')?$select=LogicalName"
                + "&$expand=ManyToManyRelationships");
        assertThat(account.get("ManyToManyRelationships").isArray()).isTrue();
        assertThat(account.get("ManyToManyRelationships").size()).isZero();
    }

    @Test
    void relationshipDefinitionBySchemaNameIsOneToMany() {
        JsonNode r = get("RelationshipDefinitions(SchemaName='contact_customer_accounts')");
        assertThat(r.get("@odata.context").asText()).isEqualTo(wire.api("$metadata#RelationshipDefinitions/$entity"));
        assertThat(r.get("@odata.type").asText()).isEqualTo("#Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata");
        assertThat(r.get("SchemaName").asText()).isEqualTo("contact_customer_accounts");
        assertThat(r.get("RelationshipType").asText()).isEqualTo("OneToManyRelationship");
        assertThat(r.get("ReferencedEntity").asText()).isEqualTo("account");
        assertThat(r.get("ReferencedAttribute").asText()).isEqualTo("accountid");
        assertThat(r.get("ReferencingEntity").asText()).isEqualTo("contact");
        assertThat(r.get("ReferencingAttribute").asText()).isEqualTo("parentcustomerid");
        assertThat(r.get("ReferencedEntityNavigationPropertyName").asText()).isEqualTo("contact_customer_accounts");
        assertThat(r.get("ReferencingEntityNavigationPropertyName").asText()).isEqualTo("parentcustomerid_account");
        String id = r.get("MetadataId").asText();
        assertThat(get("RelationshipDefinitions(" + id + ")?$select=SchemaName").get("SchemaName").asText())
                .isEqualTo("contact_customer_accounts");
    }

    @Test
    void relationshipDefinitionsListEveryRelationshipWithItsType() {
        JsonNode body = get("RelationshipDefinitions?$select=SchemaName");
        assertThat(body.get("@odata.context").asText()).isEqualTo(wire.api("$metadata#RelationshipDefinitions(SchemaName)"));
        assertThat(body.get("value").findValuesAsText("SchemaName"))
                .contains("contact_customer_accounts", "account_primary_contact", "business_unit_system_users");
        assertThat(body.at("/value/0/@odata.type").asText())
                .isEqualTo("#Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata");
    }

    @Test
    void castRelationshipDefinitionsFilterOnReferencedEntity() {
        JsonNode body = get("RelationshipDefinitions/Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata"
                + "?$select=SchemaName&$filter=ReferencedEntity eq 'businessunit'");
        assertThat(body.get("@odata.context").asText()).isEqualTo(wire.api(
                "$metadata#RelationshipDefinitions/Microsoft.Dynamics.CRM.OneToManyRelationshipMetadata(SchemaName)"));
        assertThat(body.get("value").findValuesAsText("SchemaName")).contains("business_unit_system_users",
                "business_unit_parent_business_unit", "business_unit_accounts");
        assertThat(body.at("/value/0/@odata.type").isMissingNode()).isTrue();
    }

    @Test
    void globalOptionSetDefinitionsIsEmptyInTheSampleOrg() {
        JsonNode body = get("GlobalOptionSetDefinitions");
        assertThat(body.get("@odata.context").asText()).isEqualTo(wire.api("$metadata#GlobalOptionSetDefinitions"));
        assertThat(body.get("value").isArray()).isTrue();
        assertThat(body.get("value").size()).isZero();
        assertThat(get("GlobalOptionSetDefinitions?$select=Name").get("value").size()).isZero();
    }
}
