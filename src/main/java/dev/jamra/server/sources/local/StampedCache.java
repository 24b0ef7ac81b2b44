package dev.jamra.server.sources.local;

import java.nio.file.Path;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Values read from files, kept while the files are unchanged ({@link FileStamp}) so that listing a library does
 * not parse every metadata file each time. Bounded by a number of entries and by a total weight (about the bytes
 * the values hold); past either, the least recently used entries go (never the one just kept). Lookups check the stamps, so a stale value is
 * never answered. Reading happens outside the lock: two threads may read the same files at once, and
 * {@link #put} tells the first one that its value is news (the one that should log what it found).
 */
final class StampedCache<V> {
    private record Entry<V>(List<FileStamp> stamps, V value, long weight) {
    }

    private final int maxEntries;
    private final long maxWeight;
    private final ReentrantLock lock = new ReentrantLock();
    /** In access order: the first entry is the least recently used. Guarded by {@link #lock}. */
    private final LinkedHashMap<Path, Entry<V>> entries = new LinkedHashMap<>(16, 0.75f, true);
    private long weight;

    StampedCache(int maxEntries, long maxWeight) {
        if (maxEntries < 1 || maxWeight < 1) {
            throw new IllegalArgumentException("A cache holds at least one entry of some weight");
        }
        this.maxEntries = maxEntries;
        this.maxWeight = maxWeight;
    }

    /** The value kept for {@code key}, if its files have not changed since it was read. */
    Optional<V> get(Path key) {
        Entry<V> entry;
        lock.lock();
        try {
            entry = entries.get(key);
        } finally {
            lock.unlock();
        }
        // the stamps are checked outside the lock: they cost a system call each
        return entry != null && FileStamp.allCurrent(entry.stamps()) ? Optional.of(entry.value()) : Optional.empty();
    }

    /**
     * Keeps {@code value}, read from files that had {@code stamps} before they were read.
     *
     * @return false when the same value of the same files was kept already (another thread read it too)
     */
    boolean put(Path key, List<FileStamp> stamps, V value, long valueWeight) {
        lock.lock();
        try {
            Entry<V> previous = entries.get(key);
            if (previous != null && previous.stamps().equals(stamps)) {
                return false;
            }
            if (previous != null) {
                entries.remove(key);
                weight -= previous.weight();
            }
            entries.put(key, new Entry<>(List.copyOf(stamps), value, valueWeight));
            weight += valueWeight;
            evict();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void evict() {
        Iterator<Map.Entry<Path, Entry<V>>> oldest = entries.entrySet().iterator();
        // the newest entry stays, even alone over the weight: it was just read, and dropping it would read it again
        while ((entries.size() > maxEntries || weight > maxWeight) && entries.size() > 1) {
            weight -= oldest.next().getValue().weight();
            oldest.remove();
        }
    }
}
