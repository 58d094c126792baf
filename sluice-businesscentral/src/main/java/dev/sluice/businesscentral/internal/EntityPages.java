package dev.sluice.businesscentral.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sluice.businesscentral.Entity;
import dev.sluice.http.PipelineRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * Iterates a collection page by page, following {@code @odata.nextLink} exactly as given; one page in memory at a
 * time. Not thread-safe.
 */
public final class EntityPages implements Iterator<Entity> {
    private final BcTransport transport;
    private final Function<URI, PipelineRequest> request;
    private final Deque<Entity> page = new ArrayDeque<>();
    private URI next;

    public EntityPages(BcTransport transport, URI first, Function<URI, PipelineRequest> request) {
        this.transport = transport;
        this.request = request;
        this.next = first;
    }

    @Override
    public boolean hasNext() {
        while (page.isEmpty() && next != null) {
            fetch();
        }
        return !page.isEmpty();
    }

    @Override
    public Entity next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return page.poll();
    }

    private void fetch() {
        URI uri = next;
        next = null;
        JsonNode body;
        try {
            body = BcTransport.JSON.readTree(transport.send(request.apply(uri)).body());
        } catch (IOException e) {
            throw new UncheckedIOException("Business Central sent a page that is not JSON", e);
        }
        body.path("value").forEach(n -> page.add(EntityJson.entity(n)));
        JsonNode link = body.get("@odata.nextLink");
        if (link != null && link.isTextual()) {
            next = URI.create(link.textValue());
        }
    }
}
