package dev.jamra.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The screens a reader opens first, against ours and the Node.js original in one sitting: each library size is
 * seeded once per server through the REST API ({@link LibrarySeed}); then warm rounds (each a fresh start of each
 * server: some unmeasured visits of every {@link Screen}, then the median of the measured ones, with the server's
 * CPU time per visit and its peak resident memory) and cold runs (a fresh start, one visit of the whole list,
 * Home or History, stop), the two servers alternating which goes first. Prints per figure both medians with
 * their min and max, ours / Node, the bar and the machine's load average while it was taken. Exits 1 if a
 * server failed to start or answered wrongly, 2 on bad arguments.
 */
public final class ScreensBench {
    private static final List<Screen> COLD = List.of(Screen.WHOLE_LIST, Screen.HOME, Screen.HISTORY);
    private static final Map<Screen, double[]> BARS = new EnumMap<>(Map.of(
            // cold bar, warm bar (ours / Node at most); NaN: none
            Screen.WHOLE_LIST, new double[] {1.0, 0.7},
            Screen.SORTED_BY_TITLE, new double[] {1.0, 1.0},
            Screen.TITLE_SEARCH, new double[] {1.0, 1.0},
            Screen.HOME, new double[] {1.0, 1.0},
            Screen.HISTORY, new double[] {1.0, 1.0}));
    private static final Pattern GC_LINE = Pattern.compile("(\\d+)M->(\\d+)M\\((\\d+)M\\)");
    private static final int SEED_CONNECTIONS = 8;

    private final ScreensOptions options;
    private final ServerProcess.Launcher node;

    private ScreensBench(ScreensOptions options) {
        this.options = options;
        this.node = ServerProcess.node(options.node());
    }

    public static void main(String[] args) {
        ScreensOptions options;
        try {
            options = ScreensOptions.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(ScreensOptions.USAGE);
            System.exit(2);
            return;
        }
        int exit = 0;
        try {
            new ScreensBench(options).run();
        } catch (IOException | RuntimeException e) {
            System.err.println("the sitting failed: " + e);
            exit = 1;
        }
        System.exit(exit);
    }

    private void run() throws IOException {
        Files.createDirectories(options.out());
        Files.createDirectories(options.data());
        System.out.printf("ours: %s; Node.js original: %s; %d connections per host; %d cores; load average %.2f%n",
                String.join(" ", options.ours()), options.node(), options.connections(),
                Runtime.getRuntime().availableProcessors(), ScreenFigures.loadAverage());
        for (int size : options.sizes()) {
            List<LibrarySeed.Item> items = LibrarySeed.items(size);
            Map<String, Path> data = new TreeMap<>();
            data.put(ScreenFigures.NODE, seeded(node, ScreenFigures.NODE, items));
            data.put(ScreenFigures.OURS, seeded(ours(""), ScreenFigures.OURS, items));
            ScreenFigures figures = new ScreenFigures(options.out().resolve("raw-" + size + ".tsv"));
            declare(figures);
            Map<String, Integer> bodies = new TreeMap<>();
            if (options.phases().contains("warm")) {
                warm(size, LibrarySeed.matching(items), data, figures, bodies);
            }
            if (options.phases().contains("cold")) {
                cold(size, data, figures);
            }
            figures.print(String.format("%,d items (%s matching \"%s\"); whole list answer: %s", size,
                    LibrarySeed.matching(items), LibrarySeed.SEARCH, answerSizes(bodies)));
        }
    }

    /**
     * The two whole-list answers' sizes, which differ: ours gives every item a {@code newChapters} member the
     * original lacks (docs/API.md), so ours writes that many more bytes in the same time or less.
     */
    private static String answerSizes(Map<String, Integer> bodies) {
        Integer ours = bodies.get(ScreenFigures.OURS);
        Integer original = bodies.get(ScreenFigures.NODE);
        if (ours == null || original == null) {
            return "-";
        }
        return String.format("Node.js original %,d bytes, ours %,d bytes (%+.1f%%: ours adds \"newChapters\" to"
                             + " every item, docs/API.md)", original, ours, 100.0 * (ours - original) / original);
    }

    private static void declare(ScreenFigures figures) {
        for (Screen screen : COLD) {
            figures.declare(screen.label() + ", cold", "ms", OptionalDouble.of(BARS.get(screen)[0]));
        }
        for (Screen screen : Screen.values()) {
            figures.declare(screen.label() + ", warm", "ms", OptionalDouble.of(BARS.get(screen)[1]));
        }
        for (Screen screen : Screen.values()) {
            figures.declare("server CPU per visit: " + screen.label(), "ms", OptionalDouble.empty());
        }
        figures.declare("peak resident memory, warm rounds", "MB", OptionalDouble.empty());
        figures.declare("ours: most heap after a GC, warm rounds", "MB", OptionalDouble.empty());
        figures.declare("ours: most heap committed, warm rounds", "MB", OptionalDouble.empty());
    }

    private ServerProcess.Launcher ours(String extraOpts) {
        return ServerProcess.ours(options.ours(), (options.javaOpts() + " " + extraOpts).trim());
    }

    private ServerProcess.Launcher launcher(String server, String extraOpts) {
        return server.equals(ScreenFigures.NODE) ? node : ours(extraOpts);
    }

    /** A data folder holding the library of {@code items}, seeded now unless an earlier sitting did. */
    private Path seeded(ServerProcess.Launcher launcher, String server, List<LibrarySeed.Item> items)
            throws IOException {
        Path folder = options.data().resolve(server + "-" + items.size());
        Path marker = folder.resolve("seeded");
        if (Files.exists(marker)) {
            return folder;
        }
        if (Files.exists(folder)) {
            try (Stream<Path> old = Files.walk(folder)) {
                for (Path path : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
        Files.createDirectories(folder);
        long start = System.nanoTime();
        try (ServerProcess server1 = start(launcher, folder, server);
             Browser browser = new Browser("127.0.0.1", options.port(), SEED_CONNECTIONS)) {
            LibrarySeed.seed(browser, items);
        }
        Files.writeString(marker, "");
        System.out.printf("seeded %s with %,d items in %.1f s%n", launcher.name(), items.size(),
                (System.nanoTime() - start) / 1e9);
        return folder;
    }

    private ServerProcess start(ServerProcess.Launcher launcher, Path data, String server) throws IOException {
        return ServerProcess.start(launcher, data, options.port(), options.out().resolve(server + ".log"));
    }

    /** Node first in even rounds, ours first in odd ones. */
    private static List<String> order(int round) {
        return round % 2 == 0 ? List.of(ScreenFigures.NODE, ScreenFigures.OURS)
                : List.of(ScreenFigures.OURS, ScreenFigures.NODE);
    }

    private void warm(int size, int matching, Map<String, Path> data, ScreenFigures figures,
                      Map<String, Integer> bodies) throws IOException {
        int measured = options.measured(size);
        int warmup = options.warmupVisits(size);
        System.out.printf("%,d items, warm: %d rounds, %d visits per screen after %d unmeasured%n", size,
                options.warmRounds(), measured, warmup);
        for (int round = 0; round < options.warmRounds(); round++) {
            for (String server : order(round)) {
                Path gcLog = options.out().resolve("gc-" + size + "-" + round + ".log");
                String gc = server.equals(ScreenFigures.OURS) ? "-Xlog:gc:file=" + gcLog : "";
                try (ServerProcess process = start(launcher(server, gc), data.get(server), server);
                     Browser browser = new Browser("127.0.0.1", options.port(), options.connections())) {
                    for (Screen screen : Screen.values()) {
                        int expected = screen == Screen.TITLE_SEARCH ? matching : size;
                        for (int i = 0; i < warmup; i++) {
                            screen.visit(browser, expected);
                        }
                        List<Double> times = new ArrayList<>(measured);
                        double cpuBefore = process.cpuMillis();
                        for (int i = 0; i < measured; i++) {
                            Screen.Visit visit = screen.visit(browser, expected);
                            checkProgress(screen, visit, server);
                            times.add(visit.millis());
                            if (screen == Screen.WHOLE_LIST) {
                                bodies.put(server, visit.listBytes());
                            }
                        }
                        figures.add(screen.label() + ", warm", server, ScreenFigures.median(times));
                        figures.add("server CPU per visit: " + screen.label(), server,
                                (process.cpuMillis() - cpuBefore) / measured);
                    }
                    figures.add("peak resident memory, warm rounds", server, process.peakResidentKib() / 1024.0);
                }
                if (server.equals(ScreenFigures.OURS)) {
                    heap(gcLog, figures);
                }
            }
        }
    }

    private void cold(int size, Map<String, Path> data, ScreenFigures figures) throws IOException {
        System.out.printf("%,d items, cold: %d starts per server and screen%n", size, options.coldRuns());
        for (int run = 0; run < options.coldRuns(); run++) {
            for (int s = 0; s < COLD.size(); s++) {
                Screen screen = COLD.get(s);
                for (String server : order(run + s)) {
                    try (ServerProcess process = start(launcher(server, ""), data.get(server), server);
                         Browser browser = new Browser("127.0.0.1", options.port(), options.connections())) {
                        Screen.Visit visit = screen.visit(browser, size);
                        checkProgress(screen, visit, server);
                        figures.add(screen.label() + ", cold", server, visit.millis());
                    }
                }
            }
        }
    }

    /** Home's and History's items were all read in the seed: a null last-read means the two servers differ. */
    private static void checkProgress(Screen screen, Screen.Visit visit, String server) throws IOException {
        if (visit.withProgress() != visit.items() && (screen == Screen.HOME || screen == Screen.HISTORY)) {
            throw new IOException(server + ": " + screen.label() + " found progress for " + visit.withProgress()
                                  + " of " + visit.items() + " items");
        }
    }

    /** The most heap left after a collection, and the most committed, from a {@code -Xlog:gc} file. */
    private static void heap(Path gcLog, ScreenFigures figures) throws IOException {
        if (!Files.exists(gcLog)) {
            return;
        }
        long after = 0;
        long committed = 0;
        for (String line : Files.readAllLines(gcLog)) {
            Matcher m = GC_LINE.matcher(line);
            if (m.find()) {
                after = Math.max(after, Long.parseLong(m.group(2)));
                committed = Math.max(committed, Long.parseLong(m.group(3)));
            }
        }
        figures.add("ours: most heap after a GC, warm rounds", ScreenFigures.OURS, after);
        figures.add("ours: most heap committed, warm rounds", ScreenFigures.OURS, committed);
    }
}
