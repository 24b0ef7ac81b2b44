package dev.jamra.server.sources.local;

import java.io.IOException;
import java.io.InputStream;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import dev.jamra.server.sources.SourceException;

/**
 * The local library folder, read so that nothing outside it is ever reached: every entry is resolved to its real
 * path (links followed) and used only when that path is still inside the folder. Hidden entries (a leading dot)
 * are skipped. An entry is listed only when it can be found again by its name (the one way the API opens it), so
 * names the platform cannot resolve (bytes that are not text in the file system's encoding) are never listed.
 * Failures name no path (their messages reach clients); the paths go to the log.
 */
final class LocalFolder {
    private static final System.Logger LOG = System.getLogger(LocalFolder.class.getName());

    private final Path root;

    LocalFolder(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    /** The folder's real path, or empty when it does not exist. */
    Optional<Path> realRoot() {
        try {
            return Files.isDirectory(root) ? Optional.of(root.toRealPath()) : Optional.empty();
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot read the local library folder " + root + ": " + e);
            throw new SourceException("Cannot read the local library folder", e);
        }
    }

    /**
     * The visible entries of {@code realDir} that {@link #child} opens by name, staying inside {@code realRoot},
     * with their real paths. A folder that cannot be listed is logged (with its path) and is a
     * {@link SourceException} (without it): what a request needs and cannot read.
     */
    List<Entry> entries(Path realRoot, Path realDir) {
        try {
            return list(realRoot, realDir);
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot list " + realDir + ": " + e);
            throw new SourceException("Cannot read a folder of the local library", e);
        }
    }

    /**
     * The entries as {@link #entries} lists them, failing without a log: for reading metadata, which reports its
     * failures once per change, itself, and may be run at every listing.
     */
    List<Entry> list(Path realRoot, Path realDir) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> children = Files.list(realDir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String name = child.getFileName().toString();
                child(realRoot, realDir, name).ifPresent(real -> entries.add(new Entry(name, real)));
            }
        }
        return entries;
    }

    /**
     * The entry called {@code name} in {@code realDir}, if it exists, is visible and stays inside the folder. The
     * name must resolve to exactly one entry of {@code realDir} on this platform: {@code :} and {@code \} are
     * ordinary characters on Linux and macOS, a separator or an invalid name on Windows.
     */
    Optional<Path> child(Path realRoot, Path realDir, String name) {
        if (!LocalIds.isSingleName(name) || name.startsWith(".")) {
            return Optional.empty();
        }
        Path child;
        try {
            child = realDir.resolve(name);
        } catch (InvalidPathException e) {
            return Optional.empty();
        }
        if (!realDir.equals(child.getParent()) || !name.equals(child.getFileName().toString())) {
            return Optional.empty();
        }
        return inside(realRoot, child);
    }

    private static Optional<Path> inside(Path realRoot, Path path) {
        try {
            if (!Files.exists(path)) {
                return Optional.empty();
            }
            Path real = path.toRealPath();
            return real.startsWith(realRoot) && !real.equals(realRoot) ? Optional.of(real) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The regular file among {@code entries} called {@code name} in any case (the first in natural order). */
    static Optional<Path> fileNamed(List<Entry> entries, String name) {
        return entries.stream()
                .filter(entry -> entry.name().equalsIgnoreCase(name) && Files.isRegularFile(entry.real()))
                .min((a, b) -> NaturalOrder.INSTANCE.compare(a.name(), b.name()))
                .map(Entry::real);
    }

    /**
     * The bytes of a small file (a metadata file), at most {@code limit} of them; more is a
     * {@link Limits.TooLargeException}.
     */
    static byte[] readSmall(Path file, int limit) throws IOException {
        if (Files.size(file) > limit) {
            throw new Limits.TooLargeException(limit);
        }
        try (InputStream in = Files.newInputStream(file)) {
            return Limits.readAll(in, limit);
        }
    }

    /** A visible entry: the name it has in its folder and the real path it leads to. */
    record Entry(String name, Path real) {
    }
}
