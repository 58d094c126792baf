package dev.sluice.emulator.internal.query;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.sluice.core.DataverseErrorCodes;
import dev.sluice.core.DataverseHeaders;
import dev.sluice.emulator.internal.data.Row;
import dev.sluice.emulator.internal.data.Tombstone;
import dev.sluice.emulator.internal.http.ApiException;
import dev.sluice.emulator.internal.http.ApiRequest;
import dev.sluice.emulator.internal.http.ApiResponse;
import dev.sluice.emulator.internal.http.Preferences;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Change tracking reads (fact sheet §C.10): {@code Prefer: odata.track-changes} returns every row and,
 * on the last page, an {@code @odata.deltaLink}; calling it returns the rows written since (normal
 * entities) and the rows deleted since ({@code $deletedEntity}), with a fresh deltaLink. The token is
 * Dataverse-shaped, {@code <version>!<MM/dd/yyyy HH:mm:ss>}: the store version it covers and when it
 * was issued; tokens older than 7 days are refused. Stateless.
 */
final class ChangeTracking {
    /** Dataverse: ExpireChangeTrackingInDays defaults to 7 (fact sheet §C.10). */
    static final Duration EXPIRY = Duration.ofDays(7);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("MM/dd/yyyy HH:mm:ss");
    private static final Set<String> REFUSED = Set.of("$filter", "$orderby", "$expand", "$top");

    private ChangeTracking() {}

    static String token(long version, Instant issued) {
        return version + "!" + TIME.format(LocalDateTime.ofInstant(issued, ZoneOffset.UTC));
    }

    /** The 400 when a tracked read has an option Dataverse refuses with tracking. */
    static void checkOptions(Query q) {
        for (String option : q.options()) {
            if (REFUSED.contains(option)) {
                throw CollectionReader.notTracked(option);
            }
        }
    }

    /** The changes since a delta token, with a fresh deltaLink. */
    static ApiResponse delta(QueryScope scope, ApiRequest request, Preferences prefs, Query q) {
        checkOptions(q);
        long since = parse(q.deltaToken(), scope.clock().instant(), scope.store().currentVersion());
        long now = scope.store().currentVersion();
        List<Row> changed = new ArrayList<>();
        for (Row r : scope.store().rows(q.table()).values()) {
            if (r.version() > since) {
                changed.add(r);
            }
        }
        List<Tombstone> all = scope.store().tombstones(q.table());
        List<Tombstone> deleted = new ArrayList<>();
        for (int i = all.size() - 1; i >= 0 && all.get(i).version() > since; i--) {
            deleted.add(all.get(i));
        }
        EntityWriter writer = new EntityWriter(scope, request.baseUrl(), prefs);
        String list = q.projection().contextList();
        String base = request.baseUrl();
        String query = Bodies.queryWithout(request.rawQuery(), "$skiptoken", "$deltatoken");
        String deltaLink = base + request.path() + "?" + (query.isEmpty() ? "" : query + "&") + "$deltatoken="
                + Bodies.encodeQueryValue(token(now, scope.clock().instant()));
        byte[] body = Bodies.json(changed.size() * 600 + 512, g -> {
            g.writeStartObject();
            g.writeStringField("@odata.context", base + "$metadata#" + q.table().entitySetName()
                    + (list == null ? "" : "(" + list + ")") + "/$delta");
            g.writeArrayFieldStart("value");
            for (Row r : changed) {
                writer.write(g, r, q.projection());
            }
            for (Tombstone t : deleted) {
                deletedEntity(g, base, q, t);
            }
            g.writeEndArray();
            g.writeStringField("@odata.deltaLink", deltaLink);
            g.writeEndObject();
        });
        List<String> applied = new ArrayList<>();
        if (writer.annotates()) {
            applied.add(prefs.appliedAnnotations());
        }
        if (prefs.trackChanges()) {
            applied.add(DataverseHeaders.PREFER_TRACK_CHANGES);
        }
        return Bodies.applied(ApiResponse.json(200, body), applied);
    }

    private static void deletedEntity(JsonGenerator g, String base, Query q, Tombstone t) throws java.io.IOException {
        g.writeStartObject();
        g.writeStringField("@odata.context", base + "$metadata#" + q.table().entitySetName() + "/$deletedEntity");
        g.writeStringField("id", t.id().toString());
        g.writeStringField("reason", "deleted");
        g.writeEndObject();
    }

    /** The store version a token covers; unparseable, unknown or expired tokens are a 400. */
    static long parse(String token, Instant now, long currentVersion) {
        int bang = token.indexOf('!');
        long version;
        Instant issued;
        try {
            version = Long.parseLong(token.substring(0, bang));
            issued = LocalDateTime.parse(token.substring(bang + 1), TIME).toInstant(ZoneOffset.UTC);
        } catch (RuntimeException e) {
            throw expired("The $deltatoken '" + token + "' is not a change tracking token issued by this org.");
        }
        if (version > currentVersion || version < 0 || issued.isAfter(now.plusSeconds(60))) {
            throw expired("The $deltatoken '" + token + "' is not a change tracking token issued by this org.");
        }
        if (issued.plus(EXPIRY).isBefore(now)) {
            throw expired("The $deltatoken has expired: change tracking tokens are kept for 7 days. Start a new "
                    + "sync with Prefer: odata.track-changes.");
        }
        return version;
    }

    private static ApiException expired(String message) {
        return ApiException.badRequest(DataverseErrorCodes.CHANGE_TRACKING_TOKEN_EXPIRED, message);
    }
}
