package dev.jamra.server.sources.mangadex;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers kept for a while, so the reader's repeated calls (a chapter, then each of its pages) cost one API request,
 * not one each. At most {@code capacity} entries: when full, expired ones go, and if none had, everything.
 */
final class TimedCache<V> {
    private record Entry<V>(V value, Instant expires) {
    }

    private final Map<String, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Duration lifetime;
    private final int capacity;
    private final Clock clock;

    TimedCache(Duration lifetime, int capacity, Clock clock) {
        this.lifetime = lifetime;
        this.capacity = capacity;
        this.clock = clock;
    }

    Optional<V> get(String key) {
        Entry<V> entry = entries.get(key);
        if (entry == null) {
            return Optional.empty();
        }
        if (!clock.instant().isBefore(entry.expires())) {
            entries.remove(key, entry);
            return Optional.empty();
        }
        return Optional.of(entry.value());
    }

    /** Forgets the entry of {@code key}, if any. */
    void remove(String key) {
        entries.remove(key);
    }

    void put(String key, V value) {
        Instant now = clock.instant();
        if (entries.size() >= capacity) {
            entries.values().removeIf(entry -> !now.isBefore(entry.expires()));
            if (entries.size() >= capacity) {
                entries.clear();
            }
        }
        entries.put(key, new Entry<>(value, now.plus(lifetime)));
    }
}
