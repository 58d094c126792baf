package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.emulator.Emulator;
import dev.sluice.emulator.RecordedRequest;
import dev.sluice.testing.WithEmulator;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithEmulator(noAuth = true, seed = {"accounts=23"})
class QueryPageTest {
    static Emulator emulator;
    static DataverseClient client;

    @BeforeAll
    static void connect() {
        client = DataverseClient.builder().orgUrl(emulator.orgUrl())
                .credential(StaticTokenCredential.of("page-test", "token")).build();
    }

    @Test
    void pagesOneAtATimeWithDataversesSkipTokenAndEndOnTheLastPage() {
        Query q = Query.table("account").select("name").orderBy("accountid");
        List<UUID> all = new ArrayList<>();
        client.query(q).forEach(r -> all.add(r.getUuid("accountid")));
        List<UUID> paged = new ArrayList<>();
        List<Integer> sizes = new ArrayList<>();
        String token = null;
        do {
            QueryPage page = client.queryPage(q, 10, token);
            page.rows().forEach(r -> paged.add(r.getUuid("accountid")));
            sizes.add(page.rows().size());
            token = page.skipToken();
        } while (token != null);
        assertThat(sizes).containsExactly(10, 10, 3);
        assertThat(paged).isEqualTo(all).hasSize(23);
        List<RecordedRequest> asked = emulator.stats().recentRequests(10).stream()
                .filter(r -> r.url().startsWith("/api/data/v9.2/accounts?")).toList();
        // the later pages are asked for with the same query and the decoded token, sent percent-encoded
        RecordedRequest last = asked.get(asked.size() - 1);
        assertThat(last.url()).contains("&$skiptoken=%3Ccookie%20pagenumber%3D%223%22").contains("$select=name");
        assertThat(last.headers().toString()).contains("odata.maxpagesize=10");
    }

    @Test
    void aFullLastPageHasNoSkipToken() {
        Query q = Query.table("account").select("name").whereRaw("startswith(name,'zz-none')");
        QueryPage empty = client.queryPage(q, 5, null);
        assertThat(empty.rows()).isEmpty();
        assertThat(empty.skipToken()).isNull();
        QueryPage all = client.queryPage(Query.table("account").select("name"), 23, null);
        assertThat(all.rows()).hasSize(23);
        assertThat(all.skipToken()).isNull();
    }

    @Test
    void topAndPageSizesOutsideDataversesRangeAreRefusedBeforeSending() {
        assertThatThrownBy(() -> client.queryPage(Query.table("account").top(3), 10, null))
                .hasMessageContaining("has no top");
        assertThatThrownBy(() -> client.queryPage(Query.table("account"), 5001, null))
                .hasMessageContaining("pageSize must be 1..5000, got 5001");
    }

    @Test
    void theSkipTokenIsReadFromTheNextLinkDecoded() {
        assertThat(QueryPage.skipTokenOf("https://org.example/api/data/v9.2/accounts?%24select=name&%24skiptoken="
                + "%3Ccookie%20pagenumber%3D%222%22%20%2F%3E")).isEqualTo("<cookie pagenumber=\"2\" />");
        assertThat(QueryPage.skipTokenOf("https://org.example/api/data/v9.2/accounts?$skiptoken=abc&$top=3"))
                .isEqualTo("abc");
        assertThatThrownBy(() -> QueryPage.skipTokenOf("https://org.example/api/data/v9.2/accounts?$select=name"))
                .hasMessageContaining("carries no $skiptoken");
    }
}
