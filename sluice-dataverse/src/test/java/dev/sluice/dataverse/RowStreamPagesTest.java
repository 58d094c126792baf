package dev.sluice.dataverse;

import static org.assertj.core.api.Assertions.assertThat;

import dev.sluice.auth.StaticTokenCredential;
import dev.sluice.emulator.Emulator;
import dev.sluice.testing.WithEmulator;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

@WithEmulator(noAuth = true, seed = {"accounts=25"})
class RowStreamPagesTest {
    private static final List<String> COLUMNS = List.of("accountnumber", "name", "revenue", "numberofemployees");

    static Emulator emulator;
    static DataverseClient client;

    @BeforeAll
    static void connect() {
        client = DataverseClient.builder().orgUrl(emulator.orgUrl()).pageSize(10)
                .credential(StaticTokenCredential.of("pages-test", "token")).build();
    }

    private static Query query() {
        return Query.table("account").select(COLUMNS).orderBy("accountnumber");
    }

    @Test
    void pagesHoldTheSameValuesAsRowsAndAskForEachPageOnce() {
        List<Row> rows = new ArrayList<>();
        client.query(query()).forEach(rows::add);
        int before = Clients.requests(emulator, "/accounts").size();

        RowStream stream = client.query(query());
        List<Integer> sizes = new ArrayList<>();
        int r = 0;
        for (Iterator<PageBytes> it = stream.pages(COLUMNS); it.hasNext();) {
            PageBytes p = it.next();
            sizes.add(p.size());
            for (int i = 0; i < p.size(); i++, r++) {
                for (int c = 0; c < COLUMNS.size(); c++) {
                    Object v = p.rows() != null ? p.rows().get(i).get(COLUMNS.get(c)) : p.value(i, c);
                    assertThat(v).as("row %d %s", r, COLUMNS.get(c)).isEqualTo(rows.get(r).get(COLUMNS.get(c)));
                }
            }
        }
        assertThat(sizes).containsExactly(10, 10, 5);
        assertThat(stream.pagesFetched()).isEqualTo(3);
        assertThat(rows).hasSize(25);
        // each page asked for once: the early request of the page after next used the right link
        assertThat(Clients.requests(emulator, "/accounts").size() - before).isEqualTo(3);
    }

    @Test
    void thePageFetchedForTheCountIsScannedLikeTheOthers() {
        RowStream stream = client.query(query().withCount());
        assertThat(stream.count()).isEqualTo(25);
        Iterator<PageBytes> it = stream.pages(COLUMNS);
        PageBytes first = it.next();
        assertThat(first.rows()).isNull();
        assertThat(first.size()).isEqualTo(10);
        PageBytes second = it.next();
        assertThat(second.rows()).isNull();
        assertThat(second.size()).isEqualTo(10);
        assertThat(it.next().size()).isEqualTo(5);
        assertThat(it.hasNext()).isFalse();
    }

    @Test
    void rowsAfterTheCountAreTheSameAsWithoutIt() {
        List<Row> plain = new ArrayList<>();
        client.query(query()).forEach(plain::add);
        RowStream counted = client.query(query().withCount());
        assertThat(counted.count()).isEqualTo(25);
        List<Row> rows = new ArrayList<>();
        counted.forEach(rows::add);
        assertThat(rows).isEqualTo(plain);
    }
}
