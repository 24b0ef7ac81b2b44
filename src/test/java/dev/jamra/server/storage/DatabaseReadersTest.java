package dev.jamra.server.storage;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.jamra.server.testing.HeldReaders;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Taking a read connection: a wait for one that an interrupt meets still reads, and keeps the interrupt. */
class DatabaseReadersTest {

    @Test
    void aReadInterruptedWhileItWaitsForAConnectionStillRunsAndKeepsTheInterrupt() throws Exception {
        AtomicInteger waits = new AtomicInteger();
        try (Database database = Database.open(TestConfig.newDataDir(), () -> {
            waits.incrementAndGet();
            Thread.currentThread().interrupt();  // interrupted exactly as it starts to wait
        })) {
            assertEquals(1, (int) database.read(c -> 1));
            assertEquals(0, waits.get(), "a free connection is taken without a wait");

            AtomicReference<Object> outcome = new AtomicReference<>();
            Thread reader;
            try (HeldReaders held = HeldReaders.take(database)) {
                reader = Thread.ofPlatform().start(() -> {
                    try {
                        String read = database.read(c -> "read");
                        outcome.set(read + ", interrupted: " + Thread.currentThread().isInterrupted());
                    } catch (RuntimeException e) {
                        outcome.set(e);
                    }
                });
                while (waits.get() == 0 && reader.isAlive()) {
                    Thread.onSpinWait();
                }
            }
            assertTrue(reader.join(Duration.ofSeconds(10)));
            assertEquals("read, interrupted: true", String.valueOf(outcome.get()));
            assertEquals(1, waits.get());
        }
    }
}
