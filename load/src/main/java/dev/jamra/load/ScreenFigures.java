package dev.jamra.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The figures of one library size, each a list of samples per server with the machine's load average when each
 * was taken; printed as medians with their min and max, and ours / Node with the bar it must meet.
 */
final class ScreenFigures {
    static final String NODE = "node";
    static final String OURS = "ours";

    private record Figure(String unit, OptionalDouble bar, Map<String, List<Double>> samples, List<Double> loads) {
    }

    private final Map<String, Figure> figures = new LinkedHashMap<>();
    private final Path raw;

    ScreenFigures(Path raw) {
        this.raw = raw;
    }

    /** Declares a figure in the order it is printed; {@code bar} is the highest ours / Node that meets it. */
    void declare(String name, String unit, OptionalDouble bar) {
        figures.putIfAbsent(name, new Figure(unit, bar, new LinkedHashMap<>(), new ArrayList<>()));
    }

    void add(String name, String server, double value) {
        Figure figure = figures.get(name);
        figure.samples().computeIfAbsent(server, s -> new ArrayList<>()).add(value);
        double load = loadAverage();
        figure.loads().add(load);
        try {
            Files.writeString(raw, String.format("%s\t%s\t%.3f\t%s\tload %.2f%n", name, server, value, figure.unit(),
                    load), java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The median, or NaN without samples. */
    static double median(List<Double> values) {
        if (values == null || values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    void print(String title) {
        System.out.println();
        System.out.println("=== " + title);
        System.out.printf("%-52s %-28s %-28s %-9s %-12s %s%n", "figure", "Node.js original", "ours", "ours/Node",
                "bar", "load avg");
        figures.forEach((name, figure) -> {
            if (figure.samples().isEmpty()) {
                return;
            }
            double node = median(figure.samples().get(NODE));
            double ours = median(figure.samples().get(OURS));
            double ratio = ours / node;
            String bar = figure.bar().isPresent()
                    ? String.format("<= %.1f %s", figure.bar().getAsDouble(),
                            Double.isNaN(ratio) ? "" : ratio <= figure.bar().getAsDouble() ? "met" : "NOT MET")
                    : "";
            System.out.printf("%-52s %-28s %-28s %-9s %-12s %s%n", name, cell(figure, NODE), cell(figure, OURS),
                    Double.isNaN(ratio) ? "" : String.format("%.2f", ratio), bar, loads(figure.loads()));
        });
    }

    private static String cell(Figure figure, String server) {
        List<Double> values = figure.samples().get(server);
        if (values == null || values.isEmpty()) {
            return "-";
        }
        double min = values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
        double max = values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
        return values.size() == 1
                ? String.format("%s %s", number(median(values)), figure.unit())
                : String.format("%s %s [%s, %s]", number(median(values)), figure.unit(), number(min), number(max));
    }

    private static String number(double value) {
        return value >= 100 ? String.format("%.0f", value) : value >= 10 ? String.format("%.1f", value)
                : String.format("%.2f", value);
    }

    private static String loads(List<Double> loads) {
        double min = loads.stream().mapToDouble(Double::doubleValue).min().orElse(0);
        double max = loads.stream().mapToDouble(Double::doubleValue).max().orElse(0);
        return String.format("%.1f-%.1f", min, max);
    }

    /** The machine's load average over the last minute. */
    static double loadAverage() {
        try {
            return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
    }
}
