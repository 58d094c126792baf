package dev.sluice.dataverse;

import dev.sluice.dataverse.internal.PageReader;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The lazy result of a query: pages are fetched one at a time by following {@code @odata.nextLink}
 * exactly as the service gave it, so memory stays at one page whatever the row count. Iterate once.
 * Not thread-safe.
 */
public final class RowStream implements Iterable<Row> {
    private final Function<String, PageReader.Page> fetch;
    private final Integer limit;
    private long returned;
    private PageReader.Page page;
    private boolean iterated;
    private long pages;

    /** {@code fetch} gets the first page for null, else the page at a nextLink. */
    RowStream(Function<String, PageReader.Page> fetch) {
        this(fetch, null);
    }

    /** {@code limit}: stop after this many rows (a query's top), or null for all. */
    RowStream(Function<String, PageReader.Page> fetch, Integer limit) {
        this.fetch = fetch;
        this.limit = limit;
    }

    /** {@code @odata.count} of the first page, when the query asked for a count. */
    public Long count() {
        ensureFirst();
        return page.count();
    }

    /** The {@code @odata.deltaLink} of the last page (change tracking), once iteration has finished. */
    public String deltaLink() {
        return page == null ? null : page.deltaLink();
    }

    /** Pages fetched so far. */
    public long pagesFetched() {
        return pages;
    }

    private void ensureFirst() {
        if (page == null) {
            page = fetch.apply(null);
            pages++;
        }
    }

    @Override
    public Iterator<Row> iterator() {
        if (iterated) {
            throw new IllegalStateException("a RowStream can be iterated once");
        }
        iterated = true;
        ensureFirst();
        return new Iterator<>() {
            private Iterator<Row> rows = page.rows().iterator();

            @Override
            public boolean hasNext() {
                if (limit != null && returned >= limit) {
                    return false;
                }
                while (!rows.hasNext()) {
                    if (page.nextLink() == null) {
                        return false;
                    }
                    page = fetch.apply(page.nextLink());
                    pages++;
                    rows = page.rows().iterator();
                }
                return true;
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                returned++;
                return rows.next();
            }
        };
    }

    public Stream<Row> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }
}
