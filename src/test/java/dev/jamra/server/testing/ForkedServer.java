package dev.jamra.server.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real server in a JVM of its own ({@code dev.jamra.server.Main}, this test run's class path), so a test can
 * kill it as a crash or the kernel would: {@link #kill()} is {@code SIGKILL}, no shutdown hook runs.
 */
public final class ForkedServer implements AutoCloseable {
    private static final Pattern READY = Pattern.compile("JAMRA server ready on http://[^:]+:([0-9]+)");

    private final Process process;
    private final Path log;
    private final long logStart;
    private volatile URI uri;

    private ForkedServer(Process process, Path log, long logStart) {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /**
     * Starts the server on a free port and waits until it is ready.
     *
     * @param settings configuration keys and values, passed as system properties
     * @param log      where its console output goes (appended)
     */
    public static ForkedServer start(Map<String, String> settings, Path log) {
        ForkedServer server = launch(settings, log);
        server.awaitReady();
        return server;
    }

    /** Starts the server as {@link #start} does, without waiting for it: for a kill while it is starting. */
    public static ForkedServer launch(Map<String, String> settings, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-Xmx256m");
        command.add("-Dserver.port=0");
        command.add("-Dserver.host=127.0.0.1");
        // the server's own logging set-up, so its log lines (and any SEVERE) reach the output
        command.add("-Djava.util.logging.config.file=" + loggingConfig());
        settings.forEach((key, value) -> command.add("-D" + key + "=" + value));
        command.add("-cp");
        // under Maven, java.class.path is only Surefire's launcher jar
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add("dev.jamra.server.Main");
        try {
            long start = Files.exists(log) ? Files.size(log) : 0;
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .start();
            // never outlive the test run, whatever happens to it
            Runtime.getRuntime().addShutdownHook(new Thread(process::destroyForcibly));
            return new ForkedServer(process, log, start);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the server is ready; kills it if it exits or is not ready within a minute. */
    public void awaitReady() {
        int[] port = new int[1];
        try {
            Await.until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError("The server exited with " + process.exitValue() + ":\n" + tail(log));
                }
                Matcher ready = READY.matcher(since(log, logStart));
                if (ready.find()) {
                    port[0] = Integer.parseInt(ready.group(1));
                    return true;
                }
                return false;
            }, java.time.Duration.ofSeconds(60), "the forked server is ready");
        } catch (AssertionError e) {
            // a server that hangs while starting says where: its threads, and its output so far
            String threads = process.isAlive() ? threadDump() : "";
            process.destroyForcibly();
            throw new AssertionError(e.getMessage() + "\n" + tail(log) + threads, e);
        }
        uri = URI.create("http://localhost:" + port[0]);
    }

    /** The process's threads as {@code jcmd Thread.print} prints them, or why they could not be had. */
    private String threadDump() {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        try {
            Process dump = new ProcessBuilder(jcmd.toString(), String.valueOf(process.pid()), "Thread.print")
                    .redirectErrorStream(true)
                    .start();
            byte[] output = dump.getInputStream().readAllBytes();  // ends when jcmd exits
            dump.waitFor(10, java.util.concurrent.TimeUnit.SECONDS);
            return "\nthreads of the forked server:\n" + new String(output, java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "\nno thread dump: " + e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "\nno thread dump: interrupted";
        }
    }

    private static String loggingConfig() {
        try {
            return Path.of(ForkedServer.class.getResource("/logging.properties").toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    public URI uri() {
        return uri;
    }

    /** {@code SIGKILL}, and waits until the process is gone. */
    public void kill() {
        process.destroyForcibly();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The CPU time the server's process has used so far, user and system, as the operating system counts it. */
    public java.time.Duration cpuTime() {
        return process.info().totalCpuDuration()
                .orElseThrow(() -> new IllegalStateException("This system does not tell a process's CPU time"));
    }

    /** The server's console output so far. */
    public String output() {
        return since(log, 0);
    }

    @Override
    public void close() {
        kill();
    }

    private static String since(Path log, long offset) {
        try {
            byte[] all = Files.readAllBytes(log);
            return new String(all, (int) Math.min(offset, all.length), (int) Math.max(0, all.length - offset),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    private static String tail(Path log) {
        String all = since(log, 0);
        return all.substring(Math.max(0, all.length() - 4000));
    }
}
