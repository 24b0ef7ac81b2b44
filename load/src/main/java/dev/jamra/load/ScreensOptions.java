package dev.jamra.load;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * What one {@link ScreensBench} sitting does. Every option has a default except {@code --node}.
 *
 * @param node        the Node.js original's peer folder (node-peer's setup.sh made it: {@code orig/} inside)
 * @param ours        the command that starts ours, run in the current folder with PORT, HOST, DATA_DIR, JAVA_OPTS
 * @param sizes       library sizes, each seeded once per server
 * @param coldRuns    starts per server and cold screen
 * @param warmRounds  starts per server for the warm figures
 * @param warm        measured visits per screen and round (fewer for large libraries, see {@link #measured})
 * @param warmup      unmeasured visits per screen and round before those
 * @param connections connections per host, as a browser holds
 * @param port        the port the servers listen on, one at a time
 * @param out         where logs, GC logs and raw samples go
 * @param data        where the seeded data folders are kept; a folder already seeded is used again
 * @param javaOpts    extra JVM flags for ours (a JFR recording, say)
 * @param phases      {@code cold}, {@code warm} or both
 */
record ScreensOptions(Path node, List<String> ours, List<Integer> sizes, int coldRuns, int warmRounds, int warm,
                      int warmup, int connections, int port, Path out, Path data, String javaOpts,
                      Set<String> phases) {

    static final String USAGE = """
            usage: java -cp jamra-load.jar dev.jamra.load.ScreensBench --node PEER_DIR [options]
              --node DIR          the Node.js original, set up by the node-peer tool's setup.sh (required)
              --ours "CMD"        starts ours, with PORT, HOST, DATA_DIR and JAVA_OPTS set (default bin/start)
              --sizes N[,N...]    library sizes (default 5000,50000)
              --cold-runs N       starts per server and cold screen (default 5)
              --warm-rounds N     starts per server for the warm figures (default 3)
              --warm N            measured visits per screen and round (default 25; fewer above 20,000 items)
              --warmup N          unmeasured visits before them (default 10; fewer above 10,000 items)
              --connections N     connections per host, as a web view holds (default 6)
              --port N            port of the server under test (default 3981)
              --out DIR           logs and raw samples (default target/perf/screens)
              --data DIR          seeded data folders, kept and used again (default OUT/data)
              --java-opts "..."   extra JVM flags for ours, e.g. a JFR recording
              --phases P[,P]      cold, warm or both (default cold,warm)
            """;

    static ScreensOptions parse(String[] args) {
        Path node = null;
        List<String> ours = List.of("bin/start");
        List<Integer> sizes = List.of(5_000, 50_000);
        int coldRuns = 5;
        int warmRounds = 3;
        int warm = 25;
        int warmup = 10;
        int connections = 6;
        int port = 3981;
        Path out = Path.of("target/perf/screens");
        Path data = null;
        String javaOpts = "";
        Set<String> phases = Set.of("cold", "warm");
        for (OptionArgs.Pair option : OptionArgs.pairs(args)) {
            String name = option.name();
            String value = option.value();
            switch (name) {
                case "--node" -> node = Path.of(value).toAbsolutePath();
                case "--ours" -> ours = List.of(value.trim().split("\\s+"));
                case "--sizes" -> sizes = OptionArgs.positives(name, value);
                case "--cold-runs" -> coldRuns = OptionArgs.positive(name, Integer.parseInt(value));
                case "--warm-rounds" -> warmRounds = OptionArgs.positive(name, Integer.parseInt(value));
                case "--warm" -> warm = OptionArgs.positive(name, Integer.parseInt(value));
                case "--warmup" -> warmup = Math.max(0, Integer.parseInt(value));
                case "--connections" -> connections = OptionArgs.positive(name, Integer.parseInt(value));
                case "--port" -> port = OptionArgs.positive(name, Integer.parseInt(value));
                case "--out" -> out = Path.of(value);
                case "--data" -> data = Path.of(value);
                case "--java-opts" -> javaOpts = value;
                case "--phases" -> {
                    phases = Set.copyOf(Arrays.asList(value.split(",")));
                    if (!Set.of("cold", "warm").containsAll(phases)) {
                        throw new IllegalArgumentException("--phases takes cold, warm or both");
                    }
                }
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (node == null) {
            throw new IllegalArgumentException("--node is required: the folder node-peer's setup.sh made");
        }
        out = out.toAbsolutePath();
        return new ScreensOptions(node, ours, sizes, coldRuns, warmRounds, warm, warmup, connections, port, out,
                (data == null ? out.resolve("data") : data).toAbsolutePath(), javaOpts, phases);
    }

    /** Measured visits per round for a library of {@code items}: a list of 50,000 takes Node half a second. */
    int measured(int items) {
        return Math.max(11, Math.min(warm, 500_000 / items));
    }

    /** Unmeasured visits per round for a library of {@code items}: each visit of a large list warms much code. */
    int warmupVisits(int items) {
        return Math.max(Math.min(warmup, 3), Math.min(warmup, 100_000 / items));
    }
}
