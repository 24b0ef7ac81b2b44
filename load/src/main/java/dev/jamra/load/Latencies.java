package dev.jamra.load;

import java.util.Arrays;

/** Delivery latencies in microseconds, appended by one event loop, merged and ranked at the end of a step. */
final class Latencies {
    private long[] values;
    private int size;

    Latencies() {
        this(1 << 14);
    }

    /**
     * @param expected how many values the step should bring: room for them is taken now, since growing a
     *                 million-value array mid-step stalls the event loop that records, and that stall would be
     *                 counted as the server's latency
     */
    Latencies(int expected) {
        values = new long[Math.max(16, expected)];
    }

    void add(long micros) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = micros;
    }

    int size() {
        return size;
    }

    void addAll(Latencies other) {
        for (int i = 0; i < other.size; i++) {
            add(other.values[i]);
        }
    }

    /** Ranks the values; call once, after every add. */
    Summary summarize() {
        long[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        return new Summary(size, at(sorted, 0.50), at(sorted, 0.95), at(sorted, 0.99),
                size == 0 ? 0 : sorted[size - 1] / 1000.0);
    }

    private static double at(long[] sorted, double quantile) {
        if (sorted.length == 0) {
            return 0;
        }
        int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
        return sorted[Math.max(0, index)] / 1000.0;
    }

    /** Latency percentiles in milliseconds. */
    record Summary(int count, double p50, double p95, double p99, double max) {
    }
}
