package dev.sluice.dataverse;

import dev.sluice.dataverse.internal.PageReader;
import dev.sluice.dataverse.internal.PageScanner;
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
    /** The first page's body while only its envelope was read (by {@link #count()}), else null. */
    private byte[] firstBody;
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
            if (bodies != null) {
                // for the count only the envelope is read; the rows when they are iterated (or scanned by pages)
                firstBody = bodies.apply(null);
                PageScanner.Scan envelope = PageScanner.scan(firstBody, new byte[0][]);
                page = envelope != null ? envelope.envelope() : PageReader.page(firstBody);
                if (envelope == null) {
                    firstBody = null;
                }
            } else {
                page = fetch.apply(null);
            }
            pages++;
        }
    }

    /** The first page's rows, read now when {@link #count()} read only its envelope. */
    private void firstRows() {
        if (firstBody != null) {
            page = PageReader.page(firstBody);
            firstBody = null;
        }
    }

    @Override
    public Iterator<Row> iterator() {
        if (iterated) {
            throw new IllegalStateException("a RowStream can be iterated once");
        }
        iterated = true;
        ensureFirst();
        firstRows();
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
     * them ({@link PageBytes}), instead of {@link #iterator()}: for writers that copy values through. Pages are read
     * ahead on daemon threads: while one page is written, the next is scanned and, as soon as its body has come, the
     * one after it is already requested from the nextLink found at its end (checked against the scanned page's own
     * nextLink, and requested again when they differ), so the service's work, the scan and the writing overlap; at
     * most three pages are in memory. A page the scan cannot copy through comes as rows. With a limit, the last
     * page may hold more rows than it: the caller stops. Iterate once, either this or {@link #iterator()}.
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
        PageBytes first = firstBody != null ? PageBytes.read(firstBody, names) : page != null ? PageBytes.of(page)
                : bodies == null ? PageBytes.of(fetch.apply(null)) : PageBytes.read(bodies.apply(null), names);
        firstBody = null;
        if (page == null) {
            page = first.envelope();
            pages++;
        }
        return new PagesAhead(first, names);
    }

    /** One page being read ahead: its scan, and the request of the page after it when that was started early. */
    private static final class Ahead {
        final String link;
        final CompletableFuture<PageBytes> page;
        /** The page's response body (the next page's link is guessed from it), or null for pages read as rows. */
        final CompletableFuture<byte[]> body;
        volatile CompletableFuture<Ahead> following;

        Ahead(String link, CompletableFuture<PageBytes> page, CompletableFuture<byte[]> body) {
            this.link = link;
            this.page = page;
            this.body = body;
        }
    }

    /** {@link #pages}' iterator. */
    private final class PagesAhead implements Iterator<PageBytes> {
        private final byte[][] names;
        private PageBytes first;
        private Ahead next;

        PagesAhead(PageBytes first, byte[][] names) {
            this.first = first;
            this.names = names;
            this.next = after(first, null);
        }

        @Override
        public boolean hasNext() {
            return first != null || next != null;
        }

        @Override
        public PageBytes next() {
            PageBytes p;
            if (first != null) {
                p = first;
                first = null;
            } else {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                Ahead taken = next;
                p = await(taken.page);
                page = p.envelope();
                pages++;
                next = after(p, taken.following == null ? null : await(taken.following));
            }
            returned += p.size();
            return p;
        }

        /** The read of the page after {@code p}: {@code early} when it asked for the right link, else a new one. */
        private Ahead after(PageBytes p, Ahead early) {
            boolean enough = limit != null && returned + p.size() >= limit;
            String link = enough ? null : p.envelope().nextLink();
            if (link == null) {
                return null;
            }
            Ahead a = early != null && early.link.equals(link) ? early : start(link);
            if (a.body != null && limit == null) {
                // the page after that one is asked for as soon as this one's body is here (it holds the link)
                a.following = a.body.thenApply(b -> {
                    String guess = PageScanner.nextLink(b);
                    return guess == null ? null : start(guess);
                });
            }
            return a;
        }

        private Ahead start(String link) {
            if (bodies == null) {
                return new Ahead(link, CompletableFuture.supplyAsync(() -> PageBytes.of(fetch.apply(link)), PREFETCH),
                        null);
            }
            CompletableFuture<byte[]> body = CompletableFuture.supplyAsync(() -> bodies.apply(link), PREFETCH);
            return new Ahead(link, body.thenApplyAsync(b -> PageBytes.read(b, names), PREFETCH), body);
        }
    }

    public Stream<Row> stream() {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(iterator(), Spliterator.ORDERED), false);
    }
}
