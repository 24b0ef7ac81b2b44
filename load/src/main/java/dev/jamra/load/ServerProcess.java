package dev.jamra.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A server under test in a process of its own, started on a data folder and a port, ready once {@code /health}
 * answers 200, and stopped with SIGTERM (SIGKILL if it is still there 30 s later).
 */
final class ServerProcess implements AutoCloseable {
    private static final Duration START_LIMIT = Duration.ofMinutes(2);
    private static final Duration STOP_LIMIT = Duration.ofSeconds(30);

    /** How to start one kind of server: its command, the folder it runs in, its environment for a data folder. */
    record Launcher(String name, List<String> command, Path directory, DataEnvironment environment) {
    }

    /** The environment that points a server at a data folder and a port. */
    @FunctionalInterface
    interface DataEnvironment {
        Map<String, String> of(Path data, int port);
    }

    /** The original: {@code node --import tsx packages/server/src/index.ts} in the peer's checkout. */
    static Launcher node(Path peer) {
        return new Launcher("Node.js original", List.of("node", "--import", "tsx", "packages/server/src/index.ts"),
                peer.resolve("orig"), (data, port) -> Map.of("PORT", String.valueOf(port),
                        "DB_PATH", data.toString(), "RESOURCES_PATH", data.toString()));
    }

    /** Ours, started by {@code command} (bin/start, or a runtime image's launcher), with extra JVM flags. */
    static Launcher ours(List<String> command, String javaOpts) {
        return new Launcher("ours", command, Path.of("").toAbsolutePath(), (data, port) -> Map.of(
                "PORT", String.valueOf(port), "HOST", "127.0.0.1", "DATA_DIR", data.toString(),
                "JAVA_OPTS", javaOpts));
    }

    private final Process process;
    private final ProcessStats stats;

    private ServerProcess(Process process) {
        this.process = process;
        this.stats = new ProcessStats(process.pid());
    }

    /** Starts a server and waits until its {@code /health} answers 200. */
    static ServerProcess start(Launcher launcher, Path data, int port, Path log) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launcher.command()).directory(launcher.directory().toFile())
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(launcher.environment().of(data, port));
        ServerProcess server = new ServerProcess(builder.start());
        try {
            server.awaitHealth(port);
            return server;
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
    }

    private void awaitHealth(int port) throws IOException {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IOException("the server exited with " + process.exitValue() + " before it served");
            }
            try (HttpConnection probe = new HttpConnection("127.0.0.1", port)) {
                if (probe.get("/health") == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted", e);
            }
        }
        throw new IOException("the server did not answer /health within " + START_LIMIT);
    }

    long pid() {
        return process.pid();
    }

    /** The CPU time the server has used so far, user and system. */
    double cpuMillis() {
        return stats.cpuMillis();
    }

    /** The most resident memory the server has held. */
    long peakResidentKib() {
        return stats.peakResidentKib();
    }

    @Override
    public void close() {
        process.toHandle().descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
