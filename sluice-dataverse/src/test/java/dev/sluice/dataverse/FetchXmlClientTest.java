package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.core.ErrorKind;
import dev.sluice.core.SluiceException;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.RecordedRequest;
import dev.sluice.testing.WithEmulator;
import java.math.BigDecimal;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithEmulator(noAuth = true, seed = {"accounts=60", "contacts=150"})
class FetchXmlClientTest {
    static Emulator emulator;
    static DataverseClient client;

    @BeforeAll
    static void connect() {
        client = Clients.of(emulator, "fetchxml-test");
    }

    @Test
    void aQueryStreamsEveryRowOnceFollowingPagingCookies() {
        emulator.stats().reset();
        List<String> ids = new ArrayList<>();
        RowStream rows = client.fetchXml("<fetch><entity name='contact'><attribute name='fullname'/>"
                + "<order attribute='fullname'/></entity></fetch>", FetchXmlOptions.DEFAULTS.withPageSize(7));
        String previous = "";
        for (Row r : rows) {
            ids.add(r.getString("contactid"));
            assertThat(r.getString("fullname").compareToIgnoreCase(previous)).isGreaterThanOrEqualTo(0);
            previous = r.getString("fullname");
        }
        assertThat(ids).hasSize(150).doesNotHaveDuplicates();
        assertThat(rows.pagesFetched()).isEqualTo(22);
        List<String> sent = fetchXmlSent();
        assertThat(sent).hasSize(22);
        assertThat(sent.get(0)).doesNotContain("paging-cookie");
        assertThat(sent.get(21)).contains("page=\"22\"").contains("paging-cookie=\"&lt;cookie page=&quot;21&quot;&gt;");
    }

    @Test
    void withoutACookieTheNextPagesAreAskedForByNumber() {
        emulator.stats().reset();
        List<String> ids = new ArrayList<>();
        client.fetchXml("<fetch count='40'><entity name='contact'><attribute name='fullname'/>"
                + "<link-entity name='account' from='accountid' to='parentcustomerid' alias='a' link-type='outer'>"
                + "<attribute name='name'/><order attribute='name'/></link-entity></entity></fetch>")
                .forEach(r -> ids.add(r.getString("contactid")));
        assertThat(ids).hasSize(150).doesNotHaveDuplicates();
        assertThat(fetchXmlSent()).hasSize(4).noneMatch(x -> x.contains("paging-cookie"))
                .anyMatch(x -> x.contains("page=\"4\""));
    }

    @Test
    void linkEntityColumnsAreNamedAliasDotColumnWithTheirFormattedValues() {
        Row row = client.fetchXml(FetchXmlBuilder.from("contact").attributes("fullname", "parentcustomerid")
                .link(FetchLink.inner("account", "accountid", "parentcustomerid").alias("a")
                        .attributes("name", "industrycode", "primarycontactid"))
                .top(1).build(), FetchXmlOptions.DEFAULTS.withFormattedValues()).stream().findFirst().orElseThrow();
        assertThat(row.has("a.name")).isTrue();
        assertThat(row.get("_parentcustomerid_value")).isNotNull();
        assertThat(row.formatted("_parentcustomerid_value")).hasValue(row.getString("a.name"));
        if (row.has("a.industrycode")) {
            assertThat(row.formatted("a.industrycode")).isPresent();
        }
    }

    @Test
    void aggregatesComeBackAsRowsNamedByTheirAliases() {
        List<Row> rows = client.fetchXml(FetchXmlBuilder.from("account").groupBy("industrycode", "industry")
                .aggregate("accountid", "n", "count").aggregate("revenue", "total", "sum").orderBy("industry").build())
                .stream().toList();
        long total = rows.stream().mapToLong(r -> r.getLong("n")).sum();
        assertThat(total).isEqualTo(60);
        assertThat(rows.get(0).has("industry")).isFalse(); // the null group comes first, its value left out
        assertThat(rows.get(1).getDecimal("total")).isGreaterThan(BigDecimal.ZERO);
    }

    @Test
    void sortValuesWithQuotesAmpersandsAndTiesSurviveTheCookieRoundTrip() {
        String tricky = "Q\"uote & <amp> 'apos' 100% + é";
        Set<UUID> created = new HashSet<>();
        for (int i = 0; i < 9; i++) {
            created.add(client.create("account", Map.of("name", tricky)));
        }
        List<UUID> read = new ArrayList<>();
        client.fetchXml(FetchXmlBuilder.from("account").attributes("name")
                .where(FetchCondition.eq("name", tricky)).orderBy("name").count(2).build())
                .forEach(r -> read.add(r.getUuid("accountid")));
        assertThat(read).hasSize(9).doesNotHaveDuplicates();
        assertThat(new HashSet<>(read)).isEqualTo(created);
        created.forEach(id -> client.delete("account", RecordKey.of(id)));
    }

    @Test
    void topSendsOneRequestWithoutPaging() {
        emulator.stats().reset();
        assertThat(client.fetchXml("<fetch top='3'><entity name='account'><attribute name='name'/></entity></fetch>")
                .stream().count()).isEqualTo(3);
        assertThat(fetchXmlSent()).hasSize(1).allMatch(x -> !x.contains("page="));
    }

    @Test
    void textThatIsNotFetchXmlIsRefusedBeforeAnythingIsSent() {
        emulator.stats().reset();
        assertThatThrownBy(() -> client.fetchXml("<fetch><entity name='account'>"))
                .isInstanceOfSatisfying(SluiceException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.getMessage()).contains("line 1");
                });
        assertThatThrownBy(() -> client.fetchXml("<!DOCTYPE fetch [<!ENTITY x SYSTEM 'file:///etc/passwd'>]>"
                + "<fetch><entity name='account'/></fetch>"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.getMessage()).contains("DOCTYPE"));
        assertThatThrownBy(() -> client.fetchXml("<query/>")).hasMessageContaining("<fetch>");
        assertThat(fetchXmlSent()).isEmpty();
    }

    @Test
    void theServicesErrorKeepsItsCodeAndSaysWhichColumn() {
        assertThatThrownBy(() -> client.fetchXml("<fetch><entity name='account'><attribute name='nmae'/></entity>"
                + "</fetch>").iterator())
                .isInstanceOfSatisfying(DataverseException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.INVALID_INPUT);
                    assertThat(e.errorCode()).hasValue("0x80041103");
                    assertThat(e.getMessage()).contains("nmae");
                });
    }

    @Test
    void theBuilderEscapesValuesAndRefusesWhatXmlCannotCarry() {
        String xml = FetchXmlBuilder.from("account").attributes("name")
                .where(FetchFilter.or(FetchCondition.eq("name", "O'Brien & <Sons> \"Ltd\""),
                        FetchCondition.in("address1_city", "Oslo", "Paris")))
                .link(FetchLink.outer("contact", "contactid", "primarycontactid").alias("pc").attributes("fullname"))
                .orderBy("-name").count(50).build();
        assertThat(xml).contains("value=\"O'Brien &amp; &lt;Sons&gt; &quot;Ltd&quot;\"")
                .contains("<value>Oslo</value>").contains("descending=\"true\"");
        assertThat(FetchXml.parse(xml).entity()).isEqualTo("account");
        assertThat(client.fetchXml(xml).stream().count()).isPositive();
        assertThatThrownBy(() -> FetchCondition.eq("name", "bell\u0007"))
                .isInstanceOfSatisfying(SluiceException.class, e -> assertThat(e.getMessage()).contains("U+0007"));
    }

    @Test
    void theColumnsOfAQueryAreNamedAsTheRowsNameThem() {
        FetchXml q = FetchXml.parse("<fetch><entity name='contact'><attribute name='fullname'/>"
                + "<attribute name='parentcustomerid'/><attribute name='jobtitle' alias='title'/>"
                + "<link-entity name='account' from='accountid' to='parentcustomerid'><attribute name='name'/>"
                + "</link-entity></entity></fetch>");
        assertThat(q.columns(client::metadata)).containsExactly("fullname", "_parentcustomerid_value", "title",
                "account1.name", "contactid");
    }

    @Test
    void onePageAtATimeCarriesTheCookieForTheNext() {
        String xml = "<fetch count='50'><entity name='contact'><attribute name='fullname'/></entity></fetch>";
        FetchXmlPage first = client.fetchXmlPage(xml, 1, null, FetchXmlOptions.DEFAULTS);
        assertThat(first.rows()).hasSize(50);
        assertThat(first.moreRecords()).isTrue();
        assertThat(first.pagingCookie()).startsWith("<cookie page=\"1\">");
        FetchXmlPage second = client.fetchXmlPage(xml, 2, first.pagingCookie(), FetchXmlOptions.DEFAULTS);
        Set<String> ids = new HashSet<>();
        first.rows().forEach(r -> ids.add(r.getString("contactid")));
        second.rows().forEach(r -> assertThat(ids.add(r.getString("contactid"))).isTrue());
    }

    private static List<String> fetchXmlSent() {
        List<String> out = new ArrayList<>();
        for (RecordedRequest r : Clients.requests(emulator, "fetchXml=")) {
            String url = r.url();
            out.add(URLDecoder.decode(url.substring(url.indexOf("fetchXml=") + 9), StandardCharsets.UTF_8));
        }
        return out;
    }
}
