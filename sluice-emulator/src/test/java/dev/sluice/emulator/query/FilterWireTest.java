package dev.sluice.emulator.query;

import static dev.sluice.emulator.query.TestRows.ref;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.Wire;
import java.math.BigDecimal;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class FilterWireTest {
    static final Instant NOW = Instant.parse("2025-06-15T12:00:00Z");
    static Wire wire;
    static UUID ann;
    static UUID bob;
    static UUID contoso;
    static UUID fabrikam;
    static UUID obrien;

    @BeforeAll
    static void start() {
        wire = Wire.start(Emulator.builder().noAuth(true).clock(Clock.fixed(NOW, ZoneOffset.UTC)));
        Emulator e = wire.emulator();
        ann = TestRows.insert(e, "contact", Map.of("firstname", "Ann", "lastname", "Lee"));
        bob = TestRows.insert(e, "contact", Map.of("firstname", "Bob", "lastname", "Stone"));
        contoso = TestRows.insert(e, "account", Map.of("name", "Contoso Ltd", "accountnumber", "A-1",
                "revenue", new BigDecimal("20000"), "industrycode", 7, "primarycontactid", ref("contact", ann)),
                NOW.minusSeconds(3600));
        fabrikam = TestRows.insert(e, "account", Map.of("name", "Fabrikam", "accountnumber", "A-2",
                "revenue", new BigDecimal("500"), "industrycode", 12, "primarycontactid", ref("contact", bob)),
                Instant.parse("2025-06-01T08:00:00Z"));
        obrien = TestRows.insert(e, "account", Map.of("name", "O'Brien & Sons", "accountnumber", "A-3"),
                Instant.parse("2024-01-01T00:00:00Z"));
        TestRows.update(e, "contact", ann, "parentcustomerid", ref("account", contoso));
        TestRows.update(e, "contact", bob, "parentcustomerid", ref("account", fabrikam));
    }

    @AfterAll
    static void stop() {
        wire.close();
    }

    static List<String> names(String filter) {
        HttpResponse<String> r = wire.get("accounts?$select=name&$orderby=name&$filter=" + enc(filter));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        List<String> out = new ArrayList<>();
        Wire.json(r).get("value").forEach(v -> out.add(v.get("name").asText()));
        return out;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    static JsonNode error(String query) {
        HttpResponse<String> r = wire.get("accounts?" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        return Wire.json(r).get("error");
    }

    @Test
    void comparisonsAndLogicalOperatorsSelectRows() {
        assertThat(names("revenue gt 1000")).containsExactly("Contoso Ltd");
        assertThat(names("revenue le 500 or name eq 'Contoso Ltd'")).containsExactly("Contoso Ltd", "Fabrikam");
        assertThat(names("not (revenue gt 1000) and revenue ne null")).containsExactly("Fabrikam");
        assertThat(names("industrycode eq 12")).containsExactly("Fabrikam");
    }

    @Test
    void stringComparisonsAreCaseInsensitiveAndQuotesAreDoubled() {
        assertThat(names("name eq 'contoso ltd'")).containsExactly("Contoso Ltd");
        assertThat(names("contains(name,'BRIEN')")).containsExactly("O'Brien & Sons");
        assertThat(names("startswith(name,'fab') or endswith(name,'LTD')")).containsExactly("Contoso Ltd", "Fabrikam");
        assertThat(names("name eq 'O''Brien & Sons'")).containsExactly("O'Brien & Sons");
    }

    @Test
    void nullMatchesEmptyColumns() {
        assertThat(names("revenue eq null")).containsExactly("O'Brien & Sons");
    }

    @Test
    void lookupsCompareByGuidAndPathsFollowNavigationProperties() {
        assertThat(names("_primarycontactid_value eq " + bob)).containsExactly("Fabrikam");
        assertThat(names("primarycontactid/fullname eq 'Ann Lee'")).containsExactly("Contoso Ltd");
        assertThat(names("contact_customer_accounts/any(c:c/firstname eq 'Ann')")).containsExactly("Contoso Ltd");
        assertThat(names("contact_customer_accounts/all(c:c/firstname eq 'Bob') and revenue ne null"))
                .containsExactly("Fabrikam");
    }

    @Test
    void anInOnThePrimaryIdOrAKeyColumnFindsTheSameRowsAsAScanWouldWhateverTheCase() {
        assertThat(names("Microsoft.Dynamics.CRM.In(PropertyName='accountid',PropertyValues=[\"" + fabrikam + "\",\""
                + UUID.randomUUID() + "\",\"" + contoso + "\"])")).containsExactly("Contoso Ltd", "Fabrikam");
        assertThat(names("Microsoft.Dynamics.CRM.In(PropertyName='accountnumber',PropertyValues=[\"a-2\",\"A-9\"])"))
                .containsExactly("Fabrikam");
        assertThat(names("Microsoft.Dynamics.CRM.In(PropertyName='accountnumber',PropertyValues=[\"A-1\",\"A-2\"]) "
                + "and revenue gt 1000")).containsExactly("Contoso Ltd");
    }

    @Test
    void datesCompareAsInstants() {
        assertThat(names("createdon lt 2025-01-01T00:00:00Z")).containsExactly("O'Brien & Sons");
    }

    @Test
    void dataverseQueryFunctionsAreEvaluated() {
        assertThat(names("Microsoft.Dynamics.CRM.In(PropertyName='accountnumber',PropertyValues=[\"A-1\",\"A-3\"])"))
                .containsExactly("Contoso Ltd", "O'Brien & Sons");
        assertThat(names("Microsoft.Dynamics.CRM.NotIn(PropertyName='industrycode',PropertyValues=['7'])"))
                .containsExactly("Fabrikam");
        assertThat(names("Microsoft.Dynamics.CRM.Between(PropertyName='revenue',PropertyValues=[\"100\",\"1000\"])"))
                .containsExactly("Fabrikam");
        assertThat(names("Microsoft.Dynamics.CRM.Today(PropertyName='createdon')")).containsExactly("Contoso Ltd");
        assertThat(names("Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=30)"))
                .containsExactly("Contoso Ltd", "Fabrikam");
        assertThat(names("Microsoft.Dynamics.CRM.OlderThanXDays(PropertyName='createdon',PropertyValue=30)"))
                .containsExactly("O'Brien & Sons");
        assertThat(names("Microsoft.Dynamics.CRM.On(PropertyName='createdon',PropertyValue='2025-06-01') or "
                + "Microsoft.Dynamics.CRM.OnOrBefore(PropertyName='createdon',PropertyValue='2024-01-01')"))
                .containsExactly("Fabrikam", "O'Brien & Sons");
    }

    @Test
    void notAroundAQueryFunctionIsRefused() {
        JsonNode e = error("$filter=" + enc("not Microsoft.Dynamics.CRM.Today(PropertyName='createdon')"));
        assertThat(e.get("message").asText())
                .isEqualTo("Not operator along with the Custom Named Condition operators is not allowed");
    }

    @Test
    void unknownPropertyIsNamedWithItsType() {
        JsonNode e = error("$filter=" + enc("nme eq 'x'"));
        assertThat(e.get("code").asText()).isEqualTo("0x80060888");
        assertThat(e.get("message").asText())
                .isEqualTo("Could not find a property named 'nme' on type 'Microsoft.Dynamics.CRM.account'.");
        assertThat(error("$select=name,revenu").get("message").asText())
                .isEqualTo("Could not find a property named 'revenu' on type 'Microsoft.Dynamics.CRM.account'.");
        assertThat(error("$filter=" + enc("primarycontactid/fulname eq 'x'")).get("message").asText())
                .isEqualTo("Could not find a property named 'fulname' on type 'Microsoft.Dynamics.CRM.contact'.");
    }

    @Test
    void syntaxErrorsNameThePosition() {
        assertThat(error("$filter=" + enc("name eq 'x")).get("message").asText())
                .isEqualTo("There is an unterminated literal at position 8 in 'name eq 'x'.");
        assertThat(error("$filter=" + enc("name eq")).get("message").asText())
                .isEqualTo("Syntax error at position 7 in 'name eq'.");
        assertThat(error("$filter=" + enc("name eq eq 'x'")).get("message").asText())
                .isEqualTo("Syntax error at position 8 in 'name eq eq 'x''.");
    }

    @Test
    void unsupportedQueryOptionsAreRefusedAsDataverseDoes() {
        JsonNode e = error("$skip=10");
        assertThat(e.get("code").asText()).isEqualTo("0x80060888");
        assertThat(e.get("message").asText()).isEqualTo("The query parameter $skip is not supported");
        assertThat(error("$search=x").get("message").asText()).isEqualTo("The query parameter $search is not supported");
        assertThat(error("$format=json").get("message").asText()).contains("$format");
        assertThat(error("$compute=x").get("message").asText()).contains("$compute");
    }

    @Test
    void unsupportedFunctionsAreA400NotA500() {
        assertThat(error("$filter=" + enc("tolower(name) eq 'x'")).get("message").asText()).isEqualTo("The function 'tolower' is not supported in $filter; Dataverse supports contains, startswith and endswith.");
        assertThat(error("$filter=" + enc("Microsoft.Dynamics.CRM.Nope(PropertyName='name')")).get("message").asText())
                .contains("Microsoft.Dynamics.CRM.Nope");
    }
}
