package dev.sluice.bench.micro;

import dev.sluice.dataverse.Filter;
import dev.sluice.dataverse.Query;
import dev.sluice.dataverse.Row;
import dev.sluice.dataverse.internal.PageReader;
import dev.sluice.dataverse.internal.Payload;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/** JMH micro benchmarks of the client's hot paths: page JSON → rows, rows → bulk JSON, filters and URLs. */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class HotPathBenchmarks {
    private byte[] page;
    private List<Map<String, Object>> records;

    @Setup
    public void setUp() {
        StringBuilder sb = new StringBuilder("{\"@odata.context\":\"http://x/api/data/v9.2/$metadata#accounts\",\"value\":[");
        for (int i = 0; i < 5000; i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"@odata.etag\":\"W/\\\"").append(1000 + i).append("\\\"\",\"accountid\":\"")
                    .append(new UUID(i, i)).append("\",\"name\":\"Contoso Traders ").append(i)
                    .append("\",\"accountnumber\":\"ACC-").append(i).append("\",\"revenue\":")
                    .append(1000 + i).append(".0000,\"numberofemployees\":").append(i % 500)
                    .append(",\"creditonhold\":false,\"modifiedon\":\"2024-01-01T00:00:00Z\"}");
        }
        sb.append("],\"@odata.nextLink\":\"http://x/api/data/v9.2/accounts?$skiptoken=abc\"}");
        page = sb.toString().getBytes(StandardCharsets.UTF_8);
        records = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("name", "Contoso " + i);
            r.put("accountnumber", "ACC-" + i);
            r.put("revenue", BigDecimal.valueOf(1000L + i));
            r.put("numberofemployees", i);
            records.add(r);
        }
    }

    /** One 5000-row page parsed into rows (ops/s × 5000 = rows/s). */
    @Benchmark
    public void pageToRows(Blackhole bh) {
        for (Row r : PageReader.page(page).rows()) {
            bh.consume(r);
        }
    }

    /** 1000 records written as one bulk JSON body. */
    @Benchmark
    public void recordsToBulkJson(Blackhole bh) {
        bh.consume(Payload.json(Map.of("Targets", records)));
    }

    /** A typical filter and query string. */
    @Benchmark
    public String filterAndUrl() {
        return Query.table("account").select("name", "revenue", "accountnumber")
                .where(Filter.and(Filter.eq("statecode", 0), Filter.startsWith("name", "O'Brien & Co"),
                        Filter.gt("revenue", BigDecimal.valueOf(1000))))
                .orderBy("name desc").toQueryString();
    }
}
