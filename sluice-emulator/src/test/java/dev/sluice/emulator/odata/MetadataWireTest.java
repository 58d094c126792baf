package dev.sluice.emulator.odata;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.emulator.Wire;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.apache.olingo.client.core.ODataClientFactory;
import org.apache.olingo.commons.api.edm.Edm;
import org.apache.olingo.commons.api.edm.EdmEntityContainer;
import org.apache.olingo.commons.api.edm.EdmEntityType;
import org.apache.olingo.commons.api.edm.EdmNavigationProperty;
import org.apache.olingo.commons.api.edm.FullQualifiedName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class MetadataWireTest {
    static Wire wire;
    static HttpResponse<String> response;
    static Edm edm;

    @BeforeAll
    static void start() {
        wire = Wire.startNoAuth();
        response = wire.get("$metadata", "Accept", "application/xml");
        edm = ODataClientFactory.getClient().getReader()
                .readMetadata(new ByteArrayInputStream(response.body().getBytes(StandardCharsets.UTF_8)));
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    @Test
    void metadataIsCsdlXmlWithTheDynamicsNamespaceAndAlias() {
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/xml");
        assertThat(response.headers().firstValue("OData-Version")).hasValue("4.0");
        assertThat(response.body()).contains("<edmx:Edmx Version=\"4.0\"")
                .contains("Namespace=\"Microsoft.Dynamics.CRM\" Alias=\"mscrm\"")
                .contains("<EntityType Name=\"account\" BaseType=\"mscrm.crmbaseentity\">");
    }

    @Test
    void olingoClientReadsEntityTypesKeysAndLookupProperties() {
        EdmEntityType account = edm.getEntityType(new FullQualifiedName("Microsoft.Dynamics.CRM", "account"));
        assertThat(account).isNotNull();
        assertThat(account.getKeyPredicateNames()).containsExactly("accountid");
        assertThat(account.getBaseType().getName()).isEqualTo("crmbaseentity");
        assertThat(account.getStructuralProperty("_primarycontactid_value").getType().getFullQualifiedName()
                .getFullQualifiedNameAsString()).isEqualTo("Edm.Guid");
        assertThat(account.getStructuralProperty("revenue").getType().getName()).isEqualTo("Decimal");
        assertThat(edm.getEntityType(new FullQualifiedName("Microsoft.Dynamics.CRM", "contact"))
                .getKeyPredicateNames()).containsExactly("contactid");
    }

    @Test
    void navigationPropertiesHavePartnersOnBothSides() {
        EdmEntityType account = edm.getEntityType(new FullQualifiedName("Microsoft.Dynamics.CRM", "account"));
        EdmNavigationProperty primary = account.getNavigationProperty("primarycontactid");
        assertThat(primary.isCollection()).isFalse();
        assertThat(primary.getType().getName()).isEqualTo("contact");
        EdmNavigationProperty contacts = account.getNavigationProperty("contact_customer_accounts");
        assertThat(contacts.isCollection()).isTrue();
        assertThat(contacts.getType().getName()).isEqualTo("contact");
        assertThat(contacts.getPartner().getName()).isEqualTo("parentcustomerid_account");
    }

    @Test
    void containerHasAnEntitySetPerTableWithBindings() {
        EdmEntityContainer container = edm.getEntityContainer();
        assertThat(container.getEntitySet("accounts").getEntityType().getName()).isEqualTo("account");
        assertThat(container.getEntitySet("opportunities").getEntityType().getName()).isEqualTo("opportunity");
        assertThat(container.getEntitySet("accounts").getRelatedBindingTarget("primarycontactid").getName())
                .isEqualTo("contacts");
    }

    @Test
    void alternateKeysAndQueryFunctionsAreDeclared() {
        assertThat(response.body()).contains("<Annotation Term=\"OData.Community.Keys.V1.AlternateKeys\">")
                .contains("<PropertyPath>accountnumber</PropertyPath>")
                .contains("<Function Name=\"In\"").contains("<Function Name=\"LastXDays\"");
    }
}
