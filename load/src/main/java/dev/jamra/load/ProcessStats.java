package dev.jamra.load;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory and CPU time of a process on this machine, read from {@code /proc}; the tool never asks the
 * server itself.
 */
final class ProcessStats {
    private final long pid;
    private final long ticksPerSecond;

    ProcessStats(long pid) {
        this.pid = pid;
        this.ticksPerSecond = clockTicks();
    }

    /** Resident set size in KiB ({@code VmRSS}). */
    long residentKib() {
        return statusKib("VmRSS:");
    }

    /** The largest resident set size the process has had, in KiB ({@code VmHWM}). */
    long peakResidentKib() {
        return statusKib("VmHWM:");
    }

    private long statusKib(String field) {
        for (String line : read("status").split("\n")) {
            if (line.startsWith(field)) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IllegalStateException("no " + field + " for process " + pid);
    }

    /** User plus system CPU time in milliseconds. */
    double cpuMillis() {
        String stat = read("stat");
        // fields after the command name, which is in parentheses and may contain spaces
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]);  // utime, stime
        return ticks * 1000.0 / ticksPerSecond;
    }

    private String read(String file) {
        try {
            return Files.readString(Path.of("/proc", String.valueOf(pid), file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read /proc/" + pid + "/" + file, e);
        }
    }

    private static long clockTicks() {
        try {
            Process getconf = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(getconf.getInputStream().readAllBytes()).trim();
            getconf.waitFor();
            return Long.parseLong(out);
        } catch (IOException | NumberFormatException e) {
            return 100;  // the Linux default
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 100;
        }
    }
}
