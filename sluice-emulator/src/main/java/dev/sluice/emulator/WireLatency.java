package dev.sluice.emulator;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A latency profile: what a request costs on a real wire to a real org, which loopback hides. Every request
 * (Web API, identity platform, Business Central; not the admin API) waits one network round trip before it is
 * served; every Dataverse Web API request admitted by the service protection limits then takes server time,
 * which counts into the combined execution time per window exactly as measured time does:
 * {@code request + write × records written singly + bulk × records in bulk messages}. A record written singly is
 * a create, update, upsert, delete or reference change sent as its own request or as one operation of a
 * {@code $batch}; a record in a bulk message is one target of {@code CreateMultiple}, {@code UpdateMultiple} or
 * {@code UpsertMultiple}. Immutable.
 *
 * @param roundTrip the network round trip per request (not execution time)
 * @param request server time per Web API request
 * @param write server time per record written singly (its own request or a {@code $batch} operation)
 * @param bulk server time per record in a bulk message
 */
public record WireLatency(Duration roundTrip, Duration request, Duration write, Duration bulk) {
    /** Loopback as it is: nothing added. */
    public static final WireLatency NONE = new WireLatency(Duration.ZERO, Duration.ZERO, Duration.ZERO, Duration.ZERO);

    /**
     * A client in the same geography as its org, on a standard table without plug-ins: a 40 ms round trip, 20 ms of
     * server time per request, 40 ms per record written singly, 10 ms per record in a bulk message. The per-record
     * times are Microsoft's own: the outputs its bulk-operation samples document for 100 records of a standard
     * table (PowerApps-Samples {@code dataverse/orgsvc/CSharp-NETCore/BulkOperations}: one request per record 10 s,
     * {@code ExecuteMultiple} 4 s, {@code CreateMultiple} 1 s); the round trip is a commonly measured internet
     * round trip within one geography (Microsoft documents none for Dataverse); 40 + 20 + 40 ms makes the
     * sample's 100 ms per sequential single-record request.
     */
    public static final WireLatency CLOUD = new WireLatency(Duration.ofMillis(40), Duration.ofMillis(20),
            Duration.ofMillis(40), Duration.ofMillis(10));

    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(us|ms|s)");

    public WireLatency {
        for (Duration d : new Duration[] {roundTrip, request, write, bulk}) {
            if (d == null || d.isNegative()) {
                throw new IllegalArgumentException("latency durations must be zero or positive");
            }
        }
    }

    /** Whether this profile adds nothing. */
    public boolean isNone() {
        return equals(NONE);
    }

    /** Server time of one Web API request that wrote {@code writes} records singly and {@code bulkRecords} in bulk. */
    public Duration serverTime(long writes, long bulkRecords) {
        return request.plus(write.multipliedBy(writes)).plus(bulk.multipliedBy(bulkRecords));
    }

    /**
     * Reads a profile: {@code cloud}, {@code none}, or {@code KEY=DURATION} items separated by commas with the keys
     * {@code rtt}, {@code request}, {@code write} and {@code bulk} and units {@code us}, {@code ms} or {@code s}
     * ({@code rtt=40ms,request=15ms,bulk=2ms}); items start from zero, or from {@code cloud} when it comes first
     * ({@code cloud,rtt=100ms}).
     *
     * @throws IllegalArgumentException naming the item that is not understood
     */
    public static WireLatency parse(String text) {
        String[] items = text.trim().toLowerCase(Locale.ROOT).split("\\s*,\\s*");
        WireLatency p = NONE;
        for (int i = 0; i < items.length; i++) {
            String item = items[i];
            if (i == 0 && (item.equals("cloud") || item.equals("none"))) {
                p = item.equals("cloud") ? CLOUD : NONE;
                continue;
            }
            int eq = item.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("latency '" + item + "' is not understood: use cloud, none, or "
                        + "rtt=, request=, write=, bulk= with a duration such as 40ms (e.g. rtt=40ms,request=20ms)");
            }
            Duration d = duration(item.substring(0, eq), item.substring(eq + 1));
            p = switch (item.substring(0, eq)) {
                case "rtt" -> new WireLatency(d, p.request, p.write, p.bulk);
                case "request" -> new WireLatency(p.roundTrip, d, p.write, p.bulk);
                case "write" -> new WireLatency(p.roundTrip, p.request, d, p.bulk);
                case "bulk" -> new WireLatency(p.roundTrip, p.request, p.write, d);
                default -> throw new IllegalArgumentException("latency key '" + item.substring(0, eq)
                        + "' is not one of rtt, request, write, bulk");
            };
        }
        return p;
    }

    private static Duration duration(String key, String value) {
        Matcher m = DURATION.matcher(value);
        if (!m.matches()) {
            throw new IllegalArgumentException("latency " + key + "='" + value + "' is not a duration: use a number "
                    + "with us, ms or s, e.g. 40ms");
        }
        double n = Double.parseDouble(m.group(1));
        double nanos = n * switch (m.group(2)) {
            case "us" -> 1e3;
            case "ms" -> 1e6;
            default -> 1e9;
        };
        if (nanos > Duration.ofHours(1).toNanos()) {
            throw new IllegalArgumentException("latency " + key + "='" + value + "' is over an hour");
        }
        return Duration.ofNanos(Math.round(nanos));
    }

    /** The profile as {@link #parse} reads it: {@code rtt=40ms,request=20ms,write=40ms,bulk=10ms}. */
    @Override
    public String toString() {
        return "rtt=" + ms(roundTrip) + ",request=" + ms(request) + ",write=" + ms(write) + ",bulk=" + ms(bulk);
    }

    private static String ms(Duration d) {
        long nanos = d.toNanos();
        return nanos % 1_000_000 == 0 ? nanos / 1_000_000 + "ms" : String.format(Locale.ROOT, "%.3fms", nanos / 1e6);
    }
}
