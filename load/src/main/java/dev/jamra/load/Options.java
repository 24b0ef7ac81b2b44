package dev.jamra.load;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/**
 * What one run does. Every option has a default except {@code --url}.
 *
 * @param url              the server's base URL, the only address the tool talks to
 * @param clients          WebSocket connections to open
 * @param subscribedShare  share of them (0..1) that subscribe to a download id
 * @param stalledShare     share of them (0..1) that stop reading once connected
 * @param stalledBuffer    socket receive buffer of a stalled client, in bytes
 * @param threads          event-loop threads the connections are spread over
 * @param rates            updates per second, one measured step per rate
 * @param updates          updates per step; 0 means rate times duration
 * @param duration         length of a step when {@code updates} is 0
 * @param warmup           unmeasured updates at the first rate before the first step
 * @param drain            how long a step waits for late messages after its last update
 * @param maxP99Millis     a step over this p99 ends a multi-rate run (saturation search)
 * @param settle           wait after connecting before memory is read, so start-up garbage and short-lived
 *                         threads are gone
 * @param pid              the server's process id on this machine, for memory and CPU from /proc
 * @param scenario         {@code fanout} (updates to connected clients) or {@code resume} (see ResumeScenario)
 * @param retained         resume scenario: updates published first, to fill the retention buffer
 * @param missed           resume scenario: updates published while every client is away
 */
record Options(URI url, int clients, double subscribedShare, double stalledShare, int stalledBuffer, int threads, List<Integer> rates,
               int updates, Duration duration, Duration warmup, Duration drain, double maxP99Millis,
               Duration settle, OptionalLong pid, String scenario, int retained, int missed) {

    static final String USAGE = """
            usage: java -jar jamra-load.jar --url http://127.0.0.1:3000 [options]
              --clients N            WebSocket connections (default 1000)
              --subscribed SHARE     share subscribed to a download, 0..1 (default 0.1)
              --stalled SHARE        share that never read after connecting, 0..1 (default 0)
              --stalled-buffer BYTES receive buffer of a stalled client's socket, small so that the server's
                                     queue for it fills within a run (default 4096)
              --threads N            client event loops (default: available processors)
              --rate R[,R...]        updates per second; several rates run as steps (default 100)
              --updates N            updates per step instead of rate x duration
              --duration SECONDS     seconds per step (default 30)
              --warmup SECONDS       unmeasured seconds before the first step (default 5)
              --drain SECONDS        wait for late messages after a step (default 10)
              --max-p99 MS           stop stepping up once a step's p99 exceeds this (default 50)
              --settle SECONDS       wait after connecting before reading memory (default 5)
              --pid PID              server process, for resident memory and CPU time
              --scenario NAME        fanout (default) or resume: fill the retention buffer and measure
                                     its heap (needs --pid), then drop every client and resume all at once
              --retained N           resume: updates published to fill the retention buffer (default 10000)
              --missed N             resume: updates published while the clients are away (default 100)
            """;

    static Options parse(String[] args) {
        URI url = null;
        int clients = 1000;
        double subscribed = 0.1;
        double stalled = 0;
        int stalledBuffer = 4096;
        int threads = Runtime.getRuntime().availableProcessors();
        List<Integer> rates = List.of(100);
        int updates = 0;
        Duration duration = Duration.ofSeconds(30);
        Duration warmup = Duration.ofSeconds(5);
        Duration drain = Duration.ofSeconds(10);
        double maxP99 = 50;
        Duration settle = Duration.ofSeconds(5);
        OptionalLong pid = OptionalLong.empty();
        String scenario = "fanout";
        int retained = 10_000;
        int missed = 100;
        for (OptionArgs.Pair option : OptionArgs.pairs(args)) {
            String name = option.name();
            String value = option.value();
            switch (name) {
                case "--url" -> url = URI.create(value.endsWith("/") ? value.substring(0, value.length() - 1) : value);
                case "--clients" -> clients = OptionArgs.positive(name, Integer.parseInt(value));
                case "--subscribed" -> subscribed = share(name, Double.parseDouble(value));
                case "--stalled" -> stalled = share(name, Double.parseDouble(value));
                case "--stalled-buffer" -> stalledBuffer = OptionArgs.positive(name, Integer.parseInt(value));
                case "--threads" -> threads = OptionArgs.positive(name, Integer.parseInt(value));
                case "--rate" -> rates = OptionArgs.positives(name, value);
                case "--updates" -> updates = OptionArgs.positive(name, Integer.parseInt(value));
                case "--duration" -> duration = seconds(name, value);
                case "--warmup" -> warmup = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                case "--drain" -> drain = seconds(name, value);
                case "--max-p99" -> maxP99 = Double.parseDouble(value);
                case "--settle" -> settle = Duration.ofMillis((long) (Double.parseDouble(value) * 1000));
                case "--pid" -> pid = OptionalLong.of(Long.parseLong(value));
                case "--scenario" -> {
                    if (!value.equals("fanout") && !value.equals("resume")) {
                        throw new IllegalArgumentException("--scenario is fanout or resume");
                    }
                    scenario = value;
                }
                case "--retained" -> retained = OptionArgs.positive(name, Integer.parseInt(value));
                case "--missed" -> missed = OptionArgs.positive(name, Integer.parseInt(value));
                default -> throw new IllegalArgumentException("unknown option " + name);
            }
        }
        if (url == null || url.getHost() == null || url.getPort() < 0 && url.getScheme() == null) {
            throw new IllegalArgumentException("--url is required, like http://127.0.0.1:3000");
        }
        if (!"http".equals(url.getScheme())) {
            throw new IllegalArgumentException("--url must be an http:// URL");
        }
        return new Options(url, clients, subscribed, stalled, stalledBuffer, threads, rates, updates, duration, warmup, drain,
                maxP99, settle, pid, scenario, retained, missed);
    }

    int port() {
        return url.getPort() < 0 ? 80 : url.getPort();
    }

    /** Updates to send in a step at {@code rate}. */
    int updatesPerStep(int rate) {
        return updates > 0 ? updates : (int) Math.max(1, rate * duration.toMillis() / 1000);
    }


    private static double share(String name, double value) {
        if (value < 0 || value > 1) {
            throw new IllegalArgumentException(name + " must be between 0 and 1");
        }
        return value;
    }

    private static Duration seconds(String name, String value) {
        double s = Double.parseDouble(value);
        if (s <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return Duration.ofMillis((long) (s * 1000));
    }
}
