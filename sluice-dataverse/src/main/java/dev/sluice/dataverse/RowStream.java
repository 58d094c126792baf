package dev.sluice.dataverse;

import dev.sluice.dataverse.internal.PageReader;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The lazy result of a query: pages are fetched by following {@code @odata.nextLink} exactly as the
 * service gave it. While the rows of one page are iterated, the next page is already being fetched (on
 * a daemon thread), so the service's work and the reader's overlap; memory stays at two pages whatever
 * the row count. A reader that stops early leaves at most that one page's request unused. Iterate once.
 * Not thread-safe.
 */
public final class RowStream implements Iterable<Row> {
    private static final AtomicInteger THREADS = new AtomicInteger();
    private static final ExecutorService PREFETCH = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sluice-page-" + THREADS.incrementAndGet());
        t.setDaemon(true);
        return t;
    });

    private final Function<String, PageReader.Page> fetch;
    private final Integer limit;
    private long returned;
    private CompletableFuture<PageReader.Page> ahead;
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
        prefetch();
        return new Iterator<>() {
            private Iterator<Row> rows = page.rows().iterator();

            @Override
            public boolean hasNext() {
                if (limit != null && returned >= limit) {
                    return false;
                }
                while (!rows.hasNext()) {
                    if (page.nextLink() == null || ahead == null) {
                        return false;
                    }
                    page = awaitAhead();
                    pages++;
                    prefetch();
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

    /** Starts fetching the page after the current one, if there is one. */
    private void prefetch() {
        // when the rows in hand reach the limit, no further page is needed
        boolean enough = limit != null && returned + page.rows().size() >= limit;
        String link = enough ? null : page.nextLink();
        ahead = link == null ? null : CompletableFuture.supplyAsync(() -> fetch.apply(link), PREFETCH);
    }

    /** The prefetched page; its failure is thrown here, in the reader's thread, as it was thrown. */
    private PageReader.Page awaitAhead() {
        try {
            return ahead.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }

    public Stream<Row> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }
}
