package dev.sluice.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.core.Secret;
import dev.sluice.server.ServerFixture.Session;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** Issue 23 row 10: the metrics are for operators, and name connections only when configured to. */
class MetricsAccessTest {
    static final String TOKEN = "metrics-scraper-token-0123456789";

    @Test
    void theMetricsTokenOrAnAdminReadsTheMetricsAndNobodyElse() throws Exception {
        try (ServerFixture f = new ServerFixture(null, null, b -> b.metricsToken(Secret.of(TOKEN)))) {
            Session admin = f.admin();
            f.store.connections().create(dev.sluice.store.ConnectionSettings.of("secret-project",
                    dev.sluice.store.OrgUrl.parse("https://contoso.crm.dynamics.com"),
                    dev.sluice.store.AuthSettings.of(dev.sluice.store.AuthMethod.CLIENT_SECRET, "app")), "admin");
            Session member = f.member(admin, "nosy");

            Session anyone = new Session(f);
            HttpResponse<String> refused = anyone.get("/metrics");
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValue("Bearer realm=\"sluice-metrics\"");
            assertThat(member.get("/metrics").statusCode()).isEqualTo(403);
            anyone.bearer = "wrong-token";
            assertThat(anyone.get("/metrics").statusCode()).isEqualTo(401);

            Session scraper = new Session(f);
            scraper.bearer = TOKEN;
            HttpResponse<String> scraped = scraper.get("/metrics");
            assertThat(scraped.statusCode()).isEqualTo(200);
            assertThat(scraped.body()).contains("sluice_http_requests_seconds_count").doesNotContain("secret-project");
            assertThat(admin.get("/metrics").statusCode()).isEqualTo(200);
        }
    }

    @Test
    void aManagementPortServesTheMetricsInsteadOfTheMainPort() throws Exception {
        try (ServerFixture f = new ServerFixture(null, null, b -> b.managementPort(0))) {
            Session admin = f.admin();
            assertThat(admin.get("/metrics").statusCode()).isEqualTo(404);
            int port = f.server.managementPort();
            assertThat(port).isPositive().isNotEqualTo(java.net.URI.create(f.base).getPort());
            HttpResponse<String> r = new Session(f).get("http://127.0.0.1:" + port + "/metrics");
            assertThat(r.statusCode()).isEqualTo(200);
            assertThat(r.body()).contains("sluice_http_requests_seconds_count");
            assertThat(new Session(f).get("http://127.0.0.1:" + port + "/api/v1/users").statusCode()).isEqualTo(404);
        }
    }
}
