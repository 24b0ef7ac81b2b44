package dev.jamra.server.sources.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Values kept while their files are unchanged, within a bound of entries and weight. */
class StampedCacheTest {
    private static final FileTime EARLIER = FileTime.from(Instant.parse("2024-01-01T00:00:00Z"));
    private static final FileTime LATER = FileTime.from(Instant.parse("2024-01-02T00:00:00Z"));

    private final Path dir = TestConfig.newDataDir();

    @Test
    void aValueIsAnsweredWhileItsFilesAreUnchanged() throws IOException {
        Path file = file("a", "one", EARLIER);
        StampedCache<String> cache = new StampedCache<>(10, 1000);
        assertTrue(cache.put(file, stamps(file), "value", 10));
        assertEquals(Optional.of("value"), cache.get(file));

        Files.setLastModifiedTime(file, LATER);
        assertEquals(Optional.empty(), cache.get(file), "a new time");
        assertTrue(cache.put(file, stamps(file), "again", 10));
        assertEquals(Optional.of("again"), cache.get(file));

        Files.writeString(file, "longer");
        Files.setLastModifiedTime(file, LATER);
        assertEquals(Optional.empty(), cache.get(file), "the same time, another size");

        assertTrue(cache.put(file, stamps(file), "third", 10));
        Files.delete(file);
        assertEquals(Optional.empty(), cache.get(file), "gone");
        assertEquals(Optional.empty(), cache.get(dir.resolve("never-put")));
    }

    @Test
    void theSameReadingKeptTwiceIsNoNews() throws IOException {
        Path file = file("a", "one", EARLIER);
        StampedCache<String> cache = new StampedCache<>(10, 1000);
        assertTrue(cache.put(file, stamps(file), "first", 10));
        assertFalse(cache.put(file, stamps(file), "second", 10), "another thread read the same files");
        assertEquals(Optional.of("first"), cache.get(file));
        Files.setLastModifiedTime(file, LATER);
        assertTrue(cache.put(file, stamps(file), "changed", 10));
    }

    @Test
    void aStampThatCouldNotBeTakenIsNeverCurrentButTheSameFailureIsNoNews() throws IOException {
        Path file = file("a", "one", EARLIER);
        Reading reading = new Reading();
        reading.stamp(file);
        reading.readAgain(file);
        StampedCache<String> cache = new StampedCache<>(10, 1000);
        assertTrue(cache.put(file, reading.stamps(), "unreadable", 10));
        assertEquals(Optional.empty(), cache.get(file));
        Reading again = new Reading();
        again.stamp(file);
        again.readAgain(file);
        assertFalse(cache.put(file, again.stamps(), "unreadable", 10));
        Reading missing = new Reading();
        missing.stamp(dir.resolve("missing"));
        assertTrue(cache.put(file, missing.stamps(), "missing", 10));
        assertEquals(Optional.empty(), cache.get(file));
    }

    @Test
    void theLeastRecentlyUsedGoFirstPastTheNumberOfEntries() throws IOException {
        Path a = file("a", "a", EARLIER);
        Path b = file("b", "b", EARLIER);
        Path c = file("c", "c", EARLIER);
        StampedCache<String> cache = new StampedCache<>(2, 1000);
        cache.put(a, stamps(a), "a", 1);
        cache.put(b, stamps(b), "b", 1);
        cache.get(a);
        cache.put(c, stamps(c), "c", 1);
        assertEquals(Optional.of("a"), cache.get(a), "used last");
        assertEquals(Optional.empty(), cache.get(b), "used least");
        assertEquals(Optional.of("c"), cache.get(c));
    }

    @Test
    void theWeightIsBoundedButTheNewestValueStays() throws IOException {
        Path a = file("a", "a", EARLIER);
        Path b = file("b", "b", EARLIER);
        Path c = file("c", "c", EARLIER);
        StampedCache<String> cache = new StampedCache<>(10, 100);
        cache.put(a, stamps(a), "a", 40);
        cache.put(b, stamps(b), "b", 40);
        cache.put(c, stamps(c), "c", 40);
        assertEquals(Optional.empty(), cache.get(a), "a went: 120 > 100");
        assertEquals(Optional.of("b"), cache.get(b));
        assertEquals(Optional.of("c"), cache.get(c));
        cache.put(a, stamps(a), "heavy", 500);
        assertEquals(Optional.empty(), cache.get(b), "alone over the weight");
        assertEquals(Optional.empty(), cache.get(c));
        assertEquals(Optional.of("heavy"), cache.get(a), "the newest stays");
        cache.put(a, stamps(a), "light", 10);
        Files.setLastModifiedTime(a, LATER);
        cache.put(a, stamps(a), "replaced", 10);
        cache.put(b, stamps(b), "b", 80);
        assertEquals(Optional.of("replaced"), cache.get(a), "the replaced value's weight was given back: 90 <= 100");
        assertEquals(Optional.of("b"), cache.get(b));
    }

    @Test
    void aCacheHoldsSomething() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> new StampedCache<String>(0, 10));
        assertThrows(IllegalArgumentException.class, () -> new StampedCache<String>(10, 0));
        Path a = file("a", "a", EARLIER);
        StampedCache<String> smallest = new StampedCache<>(1, 1);
        smallest.put(a, stamps(a), "a", 1);
        assertEquals(Optional.of("a"), smallest.get(a));
    }

    @Test
    void exactlyTheBoundsAreKept() throws IOException {
        Path a = file("a", "a", EARLIER);
        Path b = file("b", "b", EARLIER);
        StampedCache<String> cache = new StampedCache<>(2, 100);
        cache.put(a, stamps(a), "a", 50);
        cache.put(b, stamps(b), "b", 50);
        assertEquals(Optional.of("a"), cache.get(a), "two entries weighing 100 in all");
        assertEquals(Optional.of("b"), cache.get(b));
    }

    @Test
    void everyCallLetsGoOfTheLock() throws Exception {
        Path a = file("a", "a", EARLIER);
        StampedCache<String> cache = new StampedCache<>(10, 100);
        cache.put(a, stamps(a), "a", 1);
        cache.get(a);
        cache.put(a, stamps(a), "again", 1);
        Thread other = Thread.ofVirtual().start(() -> {
            cache.put(a, stamps(a), "other", 1);
            cache.get(a);
        });
        other.join(Duration.ofSeconds(10));
        assertFalse(other.isAlive(), "another thread got the lock");
    }

    private Path file(String name, String content, FileTime time) throws IOException {
        Path file = Files.writeString(dir.resolve(name), content);
        Files.setLastModifiedTime(file, time);
        return file;
    }

    private static List<FileStamp> stamps(Path file) {
        return List.of(FileStamp.of(file).orElseThrow());
    }
}
