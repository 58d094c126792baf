package dev.sluice.dataverse;

import dev.sluice.dataverse.internal.PageReader;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.List;
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
    /** The raw bodies behind {@link #fetch}, for {@link #pages}; null when pages are not read from bodies. */
    private final Function<String, byte[]> bodies;
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
        this(fetch, null, limit);
    }

    /** {@code bodies} gets a page's response body (first page for null); {@code limit} as above. */
    static RowStream ofBodies(Function<String, byte[]> bodies, Integer limit) {
        return new RowStream(link -> PageReader.page(bodies.apply(link)), bodies, limit);
    }

    private RowStream(Function<String, PageReader.Page> fetch, Function<String, byte[]> bodies, Integer limit) {
        this.fetch = fetch;
        this.bodies = bodies;
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
        return await(ahead);
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
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

    /**
     * Iterates the rows page by page as the service's bytes, with the values of {@code columns} (wire names) found in
     * them ({@link PageBytes}), instead of {@link #iterator()}: for writers that copy values through. The next page is
     * fetched and scanned on the daemon thread while the current one is written, as for rows; a page already fetched
     * (by {@link #count()}) or one the scan cannot copy through comes as rows. With a limit, the last page may hold
     * more rows than it: the caller stops. Iterate once, either this or {@link #iterator()}.
     */
    public Iterator<PageBytes> pages(List<String> columns) {
        if (iterated) {
            throw new IllegalStateException("a RowStream can be iterated once");
        }
        iterated = true;
        byte[][] names = new byte[columns.size()][];
        for (int c = 0; c < names.length; c++) {
            names[c] = columns.get(c).getBytes(StandardCharsets.UTF_8);
        }
        Function<String, PageBytes> read = bodies == null ? link -> PageBytes.of(fetch.apply(link))
                : link -> PageBytes.read(bodies.apply(link), names);
        PageBytes first = page != null ? PageBytes.of(page) : read.apply(null);
        if (page == null) {
            page = first.envelope();
            pages++;
        }
        return new Iterator<>() {
            private PageBytes current = first;
            private CompletableFuture<PageBytes> next = prefetchPage(first, read);

            @Override
            public boolean hasNext() {
                return current != null || next != null;
            }

            @Override
            public PageBytes next() {
                if (current == null) {
                    if (next == null) {
                        throw new NoSuchElementException();
                    }
                    current = await(next);
                    page = current.envelope();
                    pages++;
                    next = prefetchPage(current, read);
                }
                PageBytes p = current;
                returned += p.size();
                current = null;
                return p;
            }
        };
    }

    /** Starts fetching the page after {@code p}, unless there is none or the limit is reached with it. */
    private CompletableFuture<PageBytes> prefetchPage(PageBytes p, Function<String, PageBytes> read) {
        boolean enough = limit != null && returned + p.size() >= limit;
        String link = enough ? null : p.envelope().nextLink();
        return link == null ? null : CompletableFuture.supplyAsync(() -> read.apply(link), PREFETCH);
    }

    public Stream<Row> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }
}
