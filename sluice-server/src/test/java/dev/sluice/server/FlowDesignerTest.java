package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.emulator.Emulator;
import dev.sluice.server.ServerFixture.Session;
import dev.sluice.store.AuditAction;
import dev.sluice.store.AuditQuery;
import dev.sluice.testing.WithEmulator;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The designer over plain HTTP, as its form posts: a Dataverse → database flow built, previewed, saved as versions and
 * run; live checks of CEL, filter and schedule; and what a member may not reach through it.
 */
@WithEmulator(seed = {"accounts=25"})
class FlowDesignerTest {
    static Emulator emulator;
    static ServerFixture f;
    static Session admin;
    static Session ana;
    static Session bob;
    static String dw;
    static String secret;

    @BeforeAll
    static void start() throws Exception {
        f = new ServerFixture(emulator);
        admin = f.admin();
        var app = f.identity().app("Sluice Service").orElseThrow();
        assertThat(admin.json("POST", "/api/v1/connections", Map.of("name", "crm", "orgUrl", emulator.orgUrl(),
                "tenant", f.identity().tenantId().toString(), "auth", Map.of("method", "client-secret",
                        "clientId", app.clientId().toString(), "clientSecret", app.secrets().get(0).reveal())))
                .statusCode()).isEqualTo(201);
        assertThat(admin.json("POST", "/api/v1/connections/crm/authorize", null).statusCode()).isEqualTo(200);
        Path dir = Files.createTempDirectory("designer-dbs");
        dw = "jdbc:h2:file:" + dir.resolve("dw") + ";WRITE_DELAY=0";
        secret = "jdbc:h2:file:" + dir.resolve("secret") + ";WRITE_DELAY=0";
        sql(secret, "CREATE TABLE payroll (id INTEGER PRIMARY KEY, salary INTEGER)");
        assertThat(admin.json("POST", "/api/v1/databases", Map.of("name", "dw", "jdbcUrl", dw, "user", "sa",
                "password", "dw-pass-1")).statusCode()).isEqualTo(201);
        assertThat(admin.json("POST", "/api/v1/databases", Map.of("name", "secret-db", "jdbcUrl", secret, "user", "sa",
                "password", "")).statusCode()).isEqualTo(201);
        ana = f.member(admin, "ana");
        bob = f.member(admin, "bob");
        assertThat(admin.json("PUT", "/api/v1/connections/crm/grants/ana", Map.of("level", "read")).statusCode())
                .isEqualTo(200);
        assertThat(admin.json("PUT", "/api/v1/databases/dw/grants/ana", Map.of("level", "manage")).statusCode())
                .isEqualTo(200);
        assertThat(admin.json("PUT", "/api/v1/connections/crm/grants/bob", Map.of("level", "view")).statusCode())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        f.close();
    }

    static void sql(String url, String... statements) throws Exception {
        try (var c = DriverManager.getConnection(url, "sa", url.equals(dw) ? "dw-pass-1" : "");
                Statement s = c.createStatement()) {
            for (String st : statements) {
                s.execute(st);
            }
        }
    }

    static List<String> rows(String url, String query) throws Exception {
        try (var c = DriverManager.getConnection(url, "sa", url.equals(dw) ? "dw-pass-1" : "");
                Statement s = c.createStatement(); ResultSet rs = s.executeQuery(query)) {
            List<String> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder b = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    b.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(b.toString());
            }
            return out;
        }
    }

    /** Posts the form to {@code path} and reads the designer form it answers. */
    static FormDriver post(Session s, FormDriver form, String path, String... extra) {
        HttpResponse<String> r = s.send("POST", path, form.encoded(extra), "application/x-www-form-urlencoded");
        assertThat(r.statusCode()).as(r.body()).isIn(200, 400);
        return FormDriver.of(r.body(), "designer");
    }

    static HttpResponse<String> postRaw(Session s, FormDriver form, String path, String... extra) {
        return s.send("POST", path, form.encoded(extra), "application/x-www-form-urlencoded");
    }

    /** A designer form with a source and a new database table laid out from it. */
    static FormDriver accountsIntoNewTable(Session s, String name, String table) {
        HttpResponse<String> page = s.get("/designer");
        assertThat(page.statusCode()).isEqualTo(200);
        FormDriver form = FormDriver.of(page.body(), "designer").set("name", name).set("source.connection", "crm");
        form = post(s, form, "/designer/form").set("source.table", "account");
        form = post(s, form, "/designer/form").set("target.connection", "dw");
        form = post(s, form, "/designer/form").set("target.table", "+new");
        form = post(s, form, "/designer/form").set("new.name", table);
        return form;
    }

    @Test
    void aMemberBuildsADataverseToDatabaseFlowFromTheFormSavesItAndItRuns() throws Exception {
        FormDriver form = accountsIntoNewTable(ana, "designed-accounts", "designed_accounts");
        // keep a few of the proposed columns: the id (the key), the name, a choice column as text, the revenue
        List<String> keep = List.of("accountid", "name", "industrycode", "revenue");
        for (int i = 0; form.get("new." + i + ".name") != null; i++) {
            String col = form.get("new." + i + ".name");
            if (keep.contains(col)) {
                form.set("new." + i + ".include", "on");
            } else {
                form.remove("new." + i + ".include");
            }
            if (col.equals("industrycode")) {
                form.set("new." + i + ".kind", "string");
            }
        }
        HttpResponse<String> created = postRaw(ana, form, "/designer/form", "action", "create-table");
        assertThat(created.body()).contains("Table 'designed_accounts' was created in 'dw'");
        form = FormDriver.of(created.body(), "designer");
        assertThat(form.get("target.table")).isEqualTo("designed_accounts");
        assertThat(form.get("target.key")).isEqualTo("accountid");
        assertThat(form.get("m." + form.row("industrycode") + ".kind")).isEqualTo("label");
        assertThat(form.get("m." + form.row("industrycode") + ".label")).isEqualTo("industrycode");
        assertThat(form.get("m." + form.row("revenue") + ".column")).isEqualTo("revenue");
        int name = form.row("name");
        form.set("m." + name + ".kind", "cel");
        form = post(ana, form, "/designer/form").set("m." + name + ".cel", "name + \" *\"");

        HttpResponse<String> preview = postRaw(ana, form, "/designer/preview");
        assertThat(preview.body()).contains("The first 10 source records").contains("id=\"preview-table\"")
                .contains(" *</dd>").doesNotContain("preview-problems");
        assertThat(rows(dw, "SELECT COUNT(*) FROM designed_accounts")).containsExactly("0");

        HttpResponse<String> saved = postRaw(ana, form, "/designer", "action", "save");
        assertThat(saved.statusCode()).as(saved.body()).isEqualTo(303);
        assertThat(saved.headers().firstValue("Location")).hasValue("/flows/designed-accounts?done=saved");
        JsonNode versions = ServerFixture.body(ana.get("/api/v1/flows/designed-accounts/versions")).get("value");
        assertThat(versions).hasSize(1);
        assertThat(versions.get(0).get("origin").asText()).isEqualTo("designer");
        assertThat(versions.get(0).get("savedBy").asText()).isEqualTo("ana");
        String yaml = ana.get("/flows/designed-accounts/yaml").body();
        assertThat(yaml).contains("flow: designed-accounts", "  table: account", "industrycode: { label: industrycode }",
                "name: \"name + \\\" *\\\"\"", "  connection: dw", "  key: [accountid]");

        assertThat(ana.send("POST", "/api/v1/flows/designed-accounts/runs", null, null).statusCode()).isEqualTo(202);
        Awaitility.await().until(() -> !ServerFixture.body(ana.get("/api/v1/flows/designed-accounts/runs")).get("value")
                .get(0).get("status").asText().equals("running"));
        JsonNode run = ServerFixture.body(ana.get("/api/v1/flows/designed-accounts/runs")).get("value").get(0);
        assertThat(run.get("status").asText()).as(run.toString()).isEqualTo("succeeded");
        assertThat(rows(dw, "SELECT COUNT(*) FROM designed_accounts")).containsExactly("25");
        assertThat(rows(dw, "SELECT COUNT(*) FROM designed_accounts WHERE name LIKE '% *'")).containsExactly("25");
        assertThat(f.store.audit().list(AuditQuery.all()).events()).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.FLOW_SAVED);
            assertThat(e.actor()).isEqualTo("ana");
            assertThat(e.detail()).isEqualTo("flow 'designed-accounts' saved in the designer as version 1");
        }).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.DATABASE_TABLE_CREATED);
            assertThat(e.detail()).contains("'designed_accounts'", "database 'dw'");
        }).anySatisfy(e -> {
            assertThat(e.action()).isEqualTo(AuditAction.FLOW_RUN);
            assertThat(e.detail()).startsWith("flow 'designed-accounts' on demand: read 25, created 25");
        });
    }
}
