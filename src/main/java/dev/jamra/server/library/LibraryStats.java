package dev.jamra.server.library;

import java.util.EnumMap;
import java.util.Map;

/** How many items the library holds, in all and per status. */
record LibraryStats(int total, Map<LibraryStatus, Integer> byStatus) {

    LibraryStats {
        EnumMap<LibraryStatus, Integer> counts = new EnumMap<>(LibraryStatus.class);
        for (LibraryStatus status : LibraryStatus.values()) {
            counts.put(status, byStatus.getOrDefault(status, 0));
        }
        byStatus = Map.copyOf(counts);
    }

    int count(LibraryStatus status) {
        return byStatus.get(status);
    }
}
