package dev.jamra.load;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Measures how a JAMRA server fans events out: opens many WebSocket clients, drives
 * {@code library:item:updated} events through the REST API at fixed rates, and reports delivery, loss,
 * duplicates, latency (payload timestamp to receipt) and, given the server's pid, its memory and CPU cost.
 * Exits 1 if any message was lost, 2 on bad arguments.
 */
public final class LoadTool {
    /**
     * How long no stalled client may change state before the rest count as kept open: longer than a server
     * waits for a close frame to get past the unread data before it cuts the socket (ours: 5 s).
     */
    private static final Duration STALLED_QUIET = Duration.ofSeconds(6);

    private static final String DOWNLOAD_ID = "load-download";
    private static final int CONNECTS_IN_FLIGHT = 256;

    private final Options options;
    private final Optional<ProcessStats> server;
    private final ProcessStats self = new ProcessStats(ProcessHandle.current().pid());
    private final List<EventLoop> loops = new ArrayList<>();
    private final List<Peer> peers = new ArrayList<>();

    private LoadTool(Options options) {
        this.options = options;
        this.server = options.pid().isPresent()
                ? Optional.of(new ProcessStats(options.pid().getAsLong()))
                : Optional.empty();
    }

    public static void main(String[] args) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            if (!e.getMessage().isEmpty()) {
                System.err.println(e.getMessage());
            }
            System.err.print(Options.USAGE);
            System.exit(2);
            return;
        }
        int exit;
        try {
            exit = new LoadTool(options).run();
        } catch (Exception e) {
            System.err.println("load run failed: " + e);
            exit = 1;
        }
        System.exit(exit);
    }

    private int run() throws Exception {
        System.out.printf("target %s, %d clients (%.0f%% subscribed, %.0f%% stalled), %d client threads%n",
                options.url(), options.clients(), options.subscribedShare() * 100, options.stalledShare() * 100,
                options.threads());
        try (RestDriver rest = new RestDriver(options.url())) {
            String libraryId = rest.createItem();
            try {
                if (options.scenario().equals("resume")) {
                    return new ResumeScenario(options, server).run(rest);
                }
                return measure(rest, libraryId);
            } finally {
                loops.forEach(EventLoop::close);
                rest.deleteItem();
            }
        }
    }

    private int measure(RestDriver rest, String libraryId) throws Exception {
        Optional<Long> rssBefore = server.map(ProcessStats::residentKib);
        long started = System.nanoTime();
        int failedConnects = connect(libraryId);
        double connectSeconds = (System.nanoTime() - started) / 1e9;
        System.out.printf("connected %d of %d in %.1f s%n", options.clients() - failedConnects, options.clients(),
                connectSeconds);
        if (rssBefore.isPresent()) {
            Thread.sleep(options.settle().toMillis());
            long rssAfter = server.get().residentKib();
            System.out.printf("server resident memory: %.1f MiB before, %.1f MiB with the clients: %.2f KiB per"
                              + " connection%n", rssBefore.get() / 1024.0, rssAfter / 1024.0,
                    (rssAfter - rssBefore.get()) / (double) options.clients());
        }
        if (failedConnects > 0) {
            return 1;
        }

        int firstRate = options.rates().getFirst();
        int warmup = (int) (firstRate * options.warmup().toMillis() / 1000);
        if (warmup > 0) {
            int acknowledged = rest.toggle(warmup, firstRate);
            awaitDelivered(acknowledged);
        }

        System.out.println("rate/s  updates  achieved/s  deliveries  deliveries/s  lost  dup   p50ms   p95ms   p99ms"
                           + "   maxms  cpu-ms/1000  tool-cpu-ms/1000");
        boolean lostAny = false;
        for (int rate : options.rates()) {
            Step step = step(rest, rate);
            System.out.println(step.row());
            lostAny |= step.lost() > 0;
            if (step.latency().p99() > options.maxP99Millis() && options.rates().size() > 1) {
                System.out.printf("p99 above %.0f ms: stopping here%n", options.maxP99Millis());
                break;
            }
        }
        if (options.stalledShare() > 0) {
            reportStalled();
        }
        return lostAny ? 1 : 0;
    }

    private int connect(String libraryId) throws InterruptedException {
        for (int i = 0; i < options.threads(); i++) {
            loops.add(new EventLoop("load-loop-" + i));
        }
        InetSocketAddress address = new InetSocketAddress(options.url().getHost(), options.port());
        String host = options.url().getHost() + ":" + options.port();
        int subscribed = (int) Math.round(options.clients() * options.subscribedShare());
        int stalled = (int) Math.round(options.clients() * options.stalledShare());
        Semaphore connecting = new Semaphore(CONNECTS_IN_FLIGHT);
        List<CompletableFuture<Void>> ready = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            EventLoop loop = loops.get(i % loops.size());
            // stalled clients come last, subscribed ones first, so the two shares do not overlap needlessly
            boolean stalls = i >= options.clients() - stalled;
            Peer peer = new Peer(address, host, libraryId, i < subscribed ? DOWNLOAD_ID : null, stalls,
                    options.stalledBuffer(), loop);
            peers.add(peer);
            connecting.acquire();
            peer.ready.whenComplete((ok, failure) -> connecting.release());
            loop.add(peer);
            ready.add(peer.ready);
        }
        int failed = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (CompletableFuture<Void> r : ready) {
            try {
                r.get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                if (failed++ == 0) {
                    System.err.println("a client failed to connect: " + e.getMessage());
                }
            }
        }
        return failed;
    }

    private Step step(RestDriver rest, int rate) throws Exception {
        for (EventLoop loop : loops) {
            loop.startRecording(options.updatesPerStep(rate)).get();
        }
        // collect now, while nothing is measured, so that the step fits in the young generation the tool runs
        // with (load/jvm.options) and the tool does not pause while messages wait to be read
        System.gc();
        double cpuBefore = server.map(ProcessStats::cpuMillis).orElse(0.0);
        double toolCpuBefore = self.cpuMillis();
        long started = System.nanoTime();
        int acknowledged = rest.toggle(options.updatesPerStep(rate), rate);
        double sendingSeconds = (System.nanoTime() - started) / 1e9;
        awaitDelivered(acknowledged);
        double cpuMillis = server.map(ProcessStats::cpuMillis).orElse(0.0) - cpuBefore;
        double toolCpuMillis = self.cpuMillis() - toolCpuBefore;

        Latencies all = new Latencies();
        for (EventLoop loop : loops) {
            all.addAll(loop.stopRecording().get());
        }
        long delivered = 0;
        long duplicated = 0;
        long expected = 0;
        for (EventLoop loop : loops) {
            long[] counts = loop.call(list -> {
                long d = 0;
                long dup = 0;
                long live = 0;
                for (Peer p : list) {
                    if (!p.stalls()) {
                        d += p.updates;
                        dup += p.duplicates;
                        live++;
                    }
                }
                return new long[] {d, dup, live};
            }).get();
            delivered += counts[0];
            duplicated += counts[1];
            expected += counts[2] * acknowledged;
        }
        return new Step(rate, acknowledged, acknowledged / sendingSeconds, delivered, delivered / sendingSeconds,
                Math.max(0, expected - delivered), duplicated, all.summarize(),
                server.isPresent() && delivered > 0 ? cpuMillis / (delivered / 1000.0) : Double.NaN,
                delivered > 0 ? toolCpuMillis / (delivered / 1000.0) : Double.NaN);
    }

    /**
     * Lets the stalled clients read again and reports how the server ended them: a server that drops slow
     * consumers has sent them a close frame (then cut the socket), one that does not still has them open.
     */
    private void reportStalled() throws Exception {
        for (EventLoop loop : loops) {
            loop.call(list -> {
                list.forEach(Peer::drain);
                return null;
            }).get();
        }
        Map<Integer, Long> codes = Map.of();
        long deadline = System.nanoTime() + options.drain().toNanos();
        long open = -1;
        long lastChange = System.nanoTime();
        do {
            Thread.sleep(100);
            codes = new TreeMap<>();
            for (EventLoop loop : loops) {
                Map<Integer, Long> part = loop.call(list -> list.stream().filter(Peer::stalls)
                        .collect(Collectors.groupingBy(Peer::closeCode, Collectors.counting()))).get();
                for (Map.Entry<Integer, Long> e : part.entrySet()) {
                    codes.merge(e.getKey(), e.getValue(), Long::sum);
                }
            }
            long stillOpen = codes.getOrDefault(0, 0L);
            if (stillOpen != open) {
                open = stillOpen;
                lastChange = System.nanoTime();
            }
            // done when all are closed, or when none has closed for STALLED_QUIET: the server keeps them
        } while (open > 0 && System.nanoTime() < deadline && System.nanoTime() - lastChange < STALLED_QUIET.toNanos());
        long stalled = codes.values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("stalled clients closed by the server: %d of %d; close codes %s%n",
                stalled - codes.getOrDefault(0, 0L), stalled, codes);
    }

    /** Waits until every reading client has {@code count} updates, or the drain time is over. */
    private void awaitDelivered(int count) throws Exception {
        long deadline = System.nanoTime() + options.drain().toNanos();
        while (System.nanoTime() < deadline) {
            long behind = 0;
            for (EventLoop loop : loops) {
                behind += loop.call(list -> list.stream().filter(p -> !p.stalls() && p.updates < count).count())
                        .get();
            }
            if (behind == 0) {
                return;
            }
            Thread.sleep(20);
        }
    }

    private record Step(int rate, int updates, double achievedPerSecond, long deliveries, double deliveriesPerSecond,
                        long lost, long duplicated, Latencies.Summary latency, double cpuPerThousand,
                        double toolCpuPerThousand) {
        String row() {
            return String.format("%6d  %7d  %10.1f  %10d  %12.0f  %4d  %3d  %6.2f  %6.2f  %6.2f  %6.2f  %11.2f  %16.2f",
                    rate, updates, achievedPerSecond, deliveries, deliveriesPerSecond, lost, duplicated,
                    latency.p50(), latency.p95(), latency.p99(), latency.max(), cpuPerThousand, toolCpuPerThousand);
        }
    }
}
