package dev.jamra.server.metrics;

import static org.junit.jupiter.api.Assertions.fail;

/** A scrape in Prometheus' text format, read just enough to find one series' value. */
final class PrometheusText {
    private final String text;

    PrometheusText(String text) {
        this.text = text;
    }

    /** The value of the first series named {@code name} whose labels contain {@code label}; fails if none. */
    double value(String name, String label) {
        for (String line : text.split("\n")) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            int end = line.lastIndexOf(' ');
            String series = line.substring(0, end);
            int brace = series.indexOf('{');
            String seriesName = brace < 0 ? series : series.substring(0, brace);
            if (seriesName.equals(name) && series.contains(label)) {
                return Double.parseDouble(line.substring(end + 1));
            }
        }
        return fail("no series " + name + " with " + label + " in\n" + text);
    }
}
