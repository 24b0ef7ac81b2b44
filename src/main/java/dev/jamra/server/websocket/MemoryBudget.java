package dev.jamra.server.websocket;

import java.util.concurrent.atomic.AtomicLong;

/**
 * A server-wide allowance of bytes that every connection draws from, so that limits which each hold per
 * connection cannot add up to more than the heap across many. Reserving never blocks: past the limit it fails.
 */
final class MemoryBudget {
    private final long limit;
    private final AtomicLong used = new AtomicLong();

    MemoryBudget(long limit) {
        if (limit <= 0) {
            throw new IllegalArgumentException("budget must be positive, was " + limit);
        }
        this.limit = limit;
    }

    /** @return whether {@code bytes} were reserved; nothing is reserved when they do not fit */
    boolean tryReserve(long bytes) {
        long now;
        do {
            now = used.get();
            if (bytes > limit - now) {
                return false;
            }
        } while (!used.compareAndSet(now, now + bytes));
        return true;
    }

    void release(long bytes) {
        used.addAndGet(-bytes);
    }
}
