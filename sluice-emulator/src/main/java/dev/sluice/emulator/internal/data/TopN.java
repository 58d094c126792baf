package dev.sluice.emulator.internal.data;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * The first {@code limit} items in an order out of any number offered, holding only {@code limit} at a time (a
 * bounded max-heap): how a page of sorted rows is picked without sorting the table. Not thread-safe.
 *
 * @param <T> the items
 */
public final class TopN<T> {
    private final Comparator<T> order;
    private final long limit;
    private final PriorityQueue<T> heap;

    /** Keeps the first {@code limit} (at least 1) items in {@code order}. */
    public TopN(Comparator<T> order, long limit) {
        this.order = order;
        this.limit = limit;
        this.heap = new PriorityQueue<>(order.reversed());
    }

    /** Keeps {@code item} when it is among the first {@code limit} offered so far. */
    public void offer(T item) {
        if (heap.size() < limit) {
            heap.add(item);
        } else if (order.compare(item, heap.peek()) < 0) {
            heap.poll();
            heap.add(item);
        }
    }

    /** The items kept, in order. */
    public List<T> sorted() {
        List<T> sorted = new ArrayList<>(heap);
        sorted.sort(order);
        return sorted;
    }
}
