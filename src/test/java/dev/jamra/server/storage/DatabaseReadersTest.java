package dev.jamra.server.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Taking a read connection: a wait for one that an interrupt meets still reads, and keeps the interrupt. */
class DatabaseReadersTest {
    private static final int READERS = 4;

    @Test
    void aReadInterruptedWhileItWaitsForAConnectionStillRunsAndKeepsTheInterrupt() throws Exception {
        AtomicInteger waits = new AtomicInteger();
        try (Database database = Database.open(TestConfig.newDataDir(), () -> {
            waits.incrementAndGet();
            Thread.currentThread().interrupt();  // interrupted exactly as it starts to wait
        })) {
            assertEquals(1, (int) database.read(c -> 1));
            assertEquals(0, waits.get(), "a free connection is taken without a wait");

            CountDownLatch taken = new CountDownLatch(READERS);
            CountDownLatch release = new CountDownLatch(1);
            List<Thread> holders = new ArrayList<>();
            for (int i = 0; i < READERS; i++) {
                holders.add(Thread.ofPlatform().start(() -> database.read(c -> {
                    taken.countDown();
                    try {
                        return release.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        return false;
                    }
                })));
            }
            assertTrue(taken.await(10, TimeUnit.SECONDS));
            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread reader = Thread.ofPlatform().start(() -> {
                try {
                    outcome.set(database.read(c -> "read") + ", interrupted: " + Thread.currentThread().isInterrupted());
                } catch (RuntimeException e) {
                    outcome.set(e);
                }
            });
            while (waits.get() == 0 && reader.isAlive()) {
                Thread.onSpinWait();
            }
            release.countDown();
            assertTrue(reader.join(java.time.Duration.ofSeconds(10)));
            assertEquals("read, interrupted: true", String.valueOf(outcome.get()));
            for (Thread holder : holders) {
                assertTrue(holder.join(java.time.Duration.ofSeconds(10)));
            }
        }
    }
}
