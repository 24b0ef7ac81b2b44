package dev.jamra.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The resume scenario ({@code --scenario resume}): what the server's retention costs and what it costs when
 * many clients come back at once. After {@code --warmup} seconds of unmeasured updates it publishes
 * {@code --retained} more through the REST API with no client connected, reading the server's live heap (a full
 * GC via {@code jcmd GC.class_histogram}) before and after; warm-up plus retained should not exceed the
 * server's {@code websocket.retention.max-events}, so that every measured update stays retained.
 * Then it connects {@code --clients} clients, drops all their TCP connections without a close frame,
 * publishes {@code --missed} updates, and reconnects every client at once with {@code ?resume=...}: it reports
 * how many resumed, whether each got exactly the broadcasts it missed (no gap, no duplicate), the time until the
 * last one had its replay, and the server's CPU time for the whole reconnection.
 */
final class ResumeScenario {
    private static final Pattern FIELD = Pattern.compile("\"(sessionId|epoch|seq|replayed)\"\\s*:\\s*\"?([^\",}]+)");

    private final Options options;
    private final Optional<ProcessStats> server;
    private final HttpClient http = HttpClient.newHttpClient();

    ResumeScenario(Options options, Optional<ProcessStats> server) {
        this.options = options;
        this.server = server;
    }

    int run(RestDriver rest) throws Exception {
        // unmeasured updates first: the server's first requests fill caches that would count as retention
        int warmup = (int) (options.rates().getFirst() * options.warmup().toMillis() / 1000);
        if (warmup > 0) {
            rest.toggle(warmup, options.rates().getFirst());
        }
        Optional<Long> heapBefore = liveHeapBytes();
        long started = System.nanoTime();
        int filled = rest.toggle(options.retained(), options.rates().getFirst());
        System.out.printf("published %d updates to fill the retention buffer in %.1f s%n", filled,
                (System.nanoTime() - started) / 1e9);
        Optional<Long> heapAfter = liveHeapBytes();
        if (heapBefore.isPresent() && heapAfter.isPresent()) {
            long delta = heapAfter.get() - heapBefore.get();
            System.out.printf("server live heap: %.1f MiB before, %.1f MiB after: %.1f MiB, %.0f bytes per retained"
                              + " broadcast%n", heapBefore.get() / 1048576.0, heapAfter.get() / 1048576.0,
                    delta / 1048576.0, delta / (double) Math.max(1, filled));
        }

        List<Client> clients = new ArrayList<>();
        Semaphore inFlight = new Semaphore(256);
        List<CompletableFuture<Void>> connected = new ArrayList<>();
        for (int i = 0; i < options.clients(); i++) {
            Client client = new Client();
            clients.add(client);
            inFlight.acquire();
            CompletableFuture<Void> ready = client.open(options.url(), "/");
            ready.whenComplete((ok, failure) -> inFlight.release());
            connected.add(ready);
        }
        CompletableFuture.allOf(connected.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        System.out.printf("connected %d clients%n", clients.size());

        clients.forEach(Client::drop);
        Thread.sleep(2_000);  // the server notices drops within its reap interval (1 s)
        int missed = rest.toggle(options.missed(), options.rates().getFirst());
        System.out.printf("dropped every connection; published %d updates meanwhile%n", missed);

        double cpuBefore = server.map(ProcessStats::cpuMillis).orElse(0.0);
        long resumeStart = System.nanoTime();
        List<CompletableFuture<Long>> done = new ArrayList<>();
        for (Client client : clients) {
            done.add(client.resume(options.url(), missed, resumeStart));
        }
        List<Long> nanos = new ArrayList<>();
        int failed = 0;
        for (CompletableFuture<Long> d : done) {
            try {
                nanos.add(d.get(120, TimeUnit.SECONDS));
            } catch (Exception e) {
                if (failed++ == 0) {
                    System.err.println("a client did not resume cleanly: " + e.getMessage());
                }
            }
        }
        double cpuMillis = server.map(ProcessStats::cpuMillis).orElse(0.0) - cpuBefore;
        nanos.sort(null);
        int resumed = (int) clients.stream().filter(c -> c.resumed).count();
        long gaps = clients.stream().mapToLong(c -> c.gaps).sum();
        long duplicates = clients.stream().mapToLong(c -> c.duplicates).sum();
        System.out.printf("resumed %d of %d (%d failed), %d replayed messages in all, gaps %d, duplicates %d%n",
                resumed, clients.size(), failed, clients.stream().mapToLong(c -> c.replayed).sum(), gaps, duplicates);
        if (!nanos.isEmpty()) {
            System.out.printf("reconnect to last replayed message: p50 %.0f ms, p99 %.0f ms, all done in %.0f ms%n",
                    nanos.get(nanos.size() / 2) / 1e6, nanos.get((int) (nanos.size() * 0.99)) / 1e6,
                    nanos.getLast() / 1e6);
        }
        if (server.isPresent()) {
            System.out.printf("server CPU for the reconnection: %.0f ms, %.2f ms per resumed client%n", cpuMillis,
                    cpuMillis / Math.max(1, resumed));
        }
        // the same crowd reconnecting without resume, for comparison: what a handshake and connect cost alone
        clients.forEach(Client::drop);
        Thread.sleep(2_000);
        double plainCpuBefore = server.map(ProcessStats::cpuMillis).orElse(0.0);
        long plainStart = System.nanoTime();
        List<CompletableFuture<Void>> plain = new ArrayList<>();
        for (Client client : clients) {
            client.complete = null;
            client.connected = new CompletableFuture<>();
            plain.add(client.open(options.url(), "/"));
        }
        CompletableFuture.allOf(plain.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
        System.out.printf("for comparison, %d plain reconnects (no resume): all connected in %.0f ms",
                clients.size(), (System.nanoTime() - plainStart) / 1e6);
        if (server.isPresent()) {
            System.out.printf(", server CPU %.0f ms", server.get().cpuMillis() - plainCpuBefore);
        }
        System.out.println();
        clients.forEach(Client::close);
        http.close();
        return failed == 0 && resumed == clients.size() && gaps == 0 && duplicates == 0 ? 0 : 1;
    }

    /**
     * The server's live heap after a full GC, from {@code jcmd <pid> GC.class_histogram} without the GC's filler
     * arrays, if there is a pid.
     */
    private Optional<Long> liveHeapBytes() throws IOException, InterruptedException {
        if (options.pid().isEmpty()) {
            return Optional.empty();
        }
        Path java = Path.of(ProcessHandle.current().info().command().orElse("java"));
        Path jcmd = java.resolveSibling("jcmd");
        Process process = new ProcessBuilder(jcmd.toString(), String.valueOf(options.pid().getAsLong()),
                "GC.class_histogram").redirectErrorStream(true).start();
        long total = -1;
        long fillers = 0;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String[] parts = line.trim().split("\\s+");
                if (line.startsWith("Total")) {
                    total = Long.parseLong(parts[2]);
                } else if (line.contains("jdk.internal.vm.FillerElement")) {
                    fillers += Long.parseLong(parts[2]);  // heap padding the GC left, no object of the server's
                }
            }
        }
        total -= fillers;
        process.waitFor(60, TimeUnit.SECONDS);
        return total < 0 ? Optional.empty() : Optional.of(total);
    }

    /** One client: its session, and on resume the check that the broadcasts continue without gap or duplicate. */
    private final class Client implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private WebSocket socket;
        private CompletableFuture<Void> connected = new CompletableFuture<>();
        private CompletableFuture<Long> complete;
        private String sessionId;
        private String epoch;
        private long lastSeq;
        private long target;
        private long startNanos;
        volatile boolean resumed;
        long replayed;
        long gaps;
        long duplicates;

        CompletableFuture<Void> open(URI base, String path) {
            http.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(30))
                    .buildAsync(URI.create("ws://" + base.getHost() + ":" + base.getPort() + path), this)
                    .whenComplete((ws, failure) -> {
                        if (failure != null) {
                            connected.completeExceptionally(failure);
                        } else {
                            socket = ws;
                        }
                    });
            return connected;
        }

        void drop() {
            socket.abort();
        }

        CompletableFuture<Long> resume(URI base, int missed, long startNanos) {
            this.startNanos = startNanos;
            this.target = lastSeq + missed;
            this.complete = new CompletableFuture<>();
            this.connected = new CompletableFuture<>();
            open(base, "/?resume=" + sessionId + "&epoch=" + epoch + "&lastSeq=" + lastSeq);
            connected.exceptionally(failure -> {
                complete.completeExceptionally(failure);
                return null;
            });
            return complete;
        }

        void close() {
            if (socket != null) {
                socket.abort();
            }
        }

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                onMessage(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        private void onMessage(String message) {
            Matcher field = FIELD.matcher(message);
            String seq = null;
            String replayedField = null;
            String session = null;
            String epochField = null;
            while (field.find()) {
                switch (field.group(1)) {
                    case "sessionId" -> session = field.group(2);
                    case "epoch" -> epochField = field.group(2);
                    case "replayed" -> replayedField = field.group(2);
                    default -> seq = field.group(2);  // the last seq is the envelope's
                }
            }
            if (message.startsWith("{\"event\":\"connect\"")) {
                if (complete == null) {
                    sessionId = session;
                    epoch = epochField;
                    lastSeq = Long.parseLong(seq);
                } else {
                    resumed = message.contains("\"resumed\":true");
                    if (!resumed) {
                        complete.completeExceptionally(new IllegalStateException("not resumed: " + message));
                    } else if (replayedField != null && Long.parseLong(replayedField) == 0 && lastSeq >= target) {
                        complete.complete(System.nanoTime() - startNanos);
                    }
                }
                connected.complete(null);
                return;
            }
            if (seq == null) {
                return;
            }
            long n = Long.parseLong(seq);
            if (complete != null) {
                replayed++;
                if (n <= lastSeq) {
                    duplicates++;
                } else if (n > lastSeq + 1) {
                    gaps++;
                }
            }
            lastSeq = Math.max(lastSeq, n);
            if (complete != null && lastSeq >= target) {
                complete.complete(System.nanoTime() - startNanos);
            }
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            connected.completeExceptionally(error);
        }
    }
}
