package dev.sluice.server;

import static dev.sluice.server.ServerFixture.body;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.server.ServerFixture.Session;
import dev.sluice.testing.WithEmulator;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** FetchXML through the REST API and the table browser: read grant, paging, audit, errors. */
@WithEmulator(seed = {"accounts=30", "contacts=70"})
class FetchXmlServerTest {
    static final String JOIN = "<fetch><entity name='contact'><attribute name='fullname'/>"
            + "<link-entity name='account' from='accountid' to='parentcustomerid' alias='a'>"
            + "<attribute name='name'/></link-entity></entity></fetch>";
    static Emulator emulator;
    static ServerFixture f;
    static Session admin;
    static Session viewer;
    static Session reader;

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(emulator);
        admin = f.admin();
        assertThat(admin.json("POST", "/api/v1/connections", f.webConnection("demo")).statusCode()).isEqualTo(201);
        ServerApiTest.authorize(admin, "demo");
        reader = f.member(admin, "rita");
        viewer = f.member(admin, "vic");
        assertThat(admin.json("PUT", "/api/v1/connections/demo/grants/rita", Map.of("level", "read")).statusCode())
                .isEqualTo(200);
        assertThat(admin.json("PUT", "/api/v1/connections/demo/grants/vic", Map.of("level", "view")).statusCode())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static String url(String fetchXml, String more) {
        return "/api/v1/connections/demo/fetchxml?fetchXml=" + enc(fetchXml) + more;
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void aReaderPagesThroughAJoinWithContinuationsAndEachPageIsAudited() {
        Set<String> ids = new HashSet<>();
        int pages = 0;
        String next = url(JOIN, "&pageSize=20");
        JsonNode first = null;
        while (next != null) {
            HttpResponse<String> r = reader.get(next);
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
            JsonNode b = body(r);
            first = first == null ? b : first;
            b.get("value").forEach(v -> assertThat(ids.add(v.get("contactid").asText())).isTrue());
            pages++;
            next = b.get("continuation").isNull() ? null : url(JOIN, "&continuation=" + b.get("continuation").asText());
        }
        assertThat(first.get("table").asText()).isEqualTo("contact");
        assertThat(first.get("columns").toString()).isEqualTo("[\"fullname\",\"a.name\",\"contactid\"]");
        assertThat(first.get("value").get(0).has("a.name")).isTrue();
        assertThat(ids.size()).isBetween(50, 70);
        assertThat(pages).isEqualTo((ids.size() + 19) / 20);
        JsonNode audit = body(admin.get("/api/v1/audit?connection=demo&action=data.queried&pageSize=1"));
        assertThat(audit.get("value").get(0).get("detail").asText()).startsWith("queried table 'contact' by FetchXML: ")
                .doesNotContain("fetch");
    }

    @Test
    void theQueryMayComeInAJsonBody() {
        HttpResponse<String> r = reader.json("POST", "/api/v1/connections/demo/fetchxml", Map.of("fetchXml",
                "<fetch aggregate='true'><entity name='account'><attribute name='accountid' alias='n' "
                        + "aggregate='count'/></entity></fetch>"));
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(body(r).get("value").get(0).get("n").asInt()).isEqualTo(30);
    }

    @Test
    void viewingIsNotEnoughToRunAQuery() {
        HttpResponse<String> r = viewer.get(url(JOIN, ""));
        assertThat(r.statusCode()).isEqualTo(403);
        assertThat(r.body()).doesNotContain("fullname");
        assertThat(viewer.get("/connections/demo/fetchxml?fetchXml=" + enc(JOIN)).statusCode()).isEqualTo(403);
    }

    @Test
    void badQueriesAndForeignContinuationsAreClearBadRequests() {
        HttpResponse<String> broken = reader.get(url("<fetch><entity name='account'>", ""));
        assertThat(broken.statusCode()).isEqualTo(400);
        assertThat(body(broken).get("detail").asText()).contains("line 1");
        HttpResponse<String> unknown = reader.get(url("<fetch><entity name='account'><attribute name='nmae'/>"
                + "</entity></fetch>", ""));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(body(unknown).get("detail").asText()).contains("nmae");
        String token = body(reader.get(url(JOIN, "&pageSize=5"))).get("continuation").asText();
        HttpResponse<String> foreign = reader.get(url("<fetch><entity name='account'/></fetch>", "&continuation="
                + token));
        assertThat(foreign.statusCode()).isEqualTo(400);
        assertThat(body(foreign).get("detail").asText()).contains("another FetchXML query");
        assertThat(reader.get(url(JOIN, "&pageSize=6000")).statusCode()).isEqualTo(400);
    }

    @Test
    void theTableBrowserRunsAFetchXmlQueryAndPages() {
        HttpResponse<String> tables = reader.get("/connections/demo/tables");
        assertThat(tables.body()).contains("href=\"/connections/demo/fetchxml\"");
        HttpResponse<String> page = reader.get("/connections/demo/fetchxml?fetchXml=" + enc(JOIN));
        assertThat(page.statusCode()).isEqualTo(200);
        assertThat(page.body()).contains("<th scope=\"col\">a.name</th>").contains("id=\"next-page\"")
                .contains("&lt;fetch&gt;&lt;entity name='contact'&gt;");
        List<String> rows = new ArrayList<>();
        page.body().lines().filter(l -> l.contains("<tr><td>")).forEach(rows::add);
        assertThat(rows).hasSize(25);
        HttpResponse<String> bad = reader.get("/connections/demo/fetchxml?fetchXml=" + enc("<fetch><colour/></fetch>"));
        assertThat(bad.statusCode()).isEqualTo(200);
        assertThat(bad.body()).contains("id=\"problem\"").contains("&lt;colour&gt;");
    }
}
