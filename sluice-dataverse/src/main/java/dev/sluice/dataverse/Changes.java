package dev.sluice.dataverse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The result of {@link DataverseClient#changes}: lazily paged changes (every row on a first or resync
 * read; changed rows and deletions after a delta token), and, once iterated to the end, the token for
 * the next read. Iterate once. Not thread-safe.
 */
public final class Changes implements Iterable<Change> {
    private final RowStream rows;
    private final boolean full;
    private final boolean resynced;

    Changes(RowStream rows, boolean full, boolean resynced) {
        this.rows = rows;
        this.full = full;
        this.resynced = resynced;
    }

    /** Whether this is a full read (no token given, or a resync) rather than changes since a token. */
    public boolean full() {
        return full;
    }

    /** Whether the given token had expired and this is a full read in its place. */
    public boolean resynced() {
        return resynced;
    }

    /**
     * The token for the next {@code changes} call; available once every change was read.
     *
     * @throws IllegalStateException before the end was reached
     */
    public String deltaToken() {
        String link = rows.deltaLink();
        if (link == null) {
            throw new IllegalStateException("the delta token comes with the last page; read every change first");
        }
        return tokenOf(link);
    }

    /** The {@code $deltatoken} value of a deltaLink, decoded. */
    static String tokenOf(String deltaLink) {
        int q = deltaLink.indexOf('?');
        for (String p : deltaLink.substring(q + 1).split("&")) {
            if (p.startsWith("$deltatoken=") || p.startsWith("%24deltatoken=")) {
                return URLDecoder.decode(p.substring(p.indexOf('=') + 1), StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("Dataverse sent a deltaLink without a $deltatoken");
    }

    @Override
    public Iterator<Change> iterator() {
        Iterator<Row> it = rows.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public Change next() {
                Row r = it.next();
                String context = r.annotations().get("@odata.context");
                if (context != null && context.endsWith("/$deletedEntity")) {
                    return new Change(null, r.getUuid("id"));
                }
                return new Change(r, null);
            }
        };
    }

    public Stream<Change> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }
}
