package dev.jamra.server.testing;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.jamra.server.storage.Database;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every read connection of a database taken, each by a thread of its own inside a read, until released: the next
 * read waits for a connection.
 */
public final class HeldReaders implements AutoCloseable {
    /** As many as the database's pool of read connections. */
    public static final int READERS = 4;

    private final CountDownLatch release = new CountDownLatch(1);
    private final List<Thread> holders = new ArrayList<>();

    private HeldReaders() {
    }

    /** Takes every read connection of {@code database}; returns once all are held. */
    public static HeldReaders take(Database database) throws InterruptedException {
        HeldReaders held = new HeldReaders();
        CountDownLatch taken = new CountDownLatch(READERS);
        for (int i = 0; i < READERS; i++) {
            held.holders.add(Thread.ofPlatform().start(() -> database.read(connection -> {
                taken.countDown();
                try {
                    return held.release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            })));
        }
        assertTrue(taken.await(10, TimeUnit.SECONDS), "every read connection is held");
        return held;
    }

    /** Gives the connections back and waits for the holders to end. */
    @Override
    public void close() throws InterruptedException {
        release.countDown();
        for (Thread holder : holders) {
            assertTrue(holder.join(Duration.ofSeconds(10)), "a holder ends");
        }
    }
}
