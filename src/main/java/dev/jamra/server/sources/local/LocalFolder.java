package dev.jamra.server.sources.local;

import java.io.IOException;
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
     * with their real paths.
     */
    List<Entry> entries(Path realRoot, Path realDir) {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> children = Files.list(realDir)) {
            for (Path child : (Iterable<Path>) children::iterator) {
                String name = child.getFileName().toString();
                child(realRoot, realDir, name).ifPresent(real -> entries.add(new Entry(name, real)));
            }
        } catch (IOException e) {
            LOG.log(Level.WARNING, "Cannot list " + realDir + ": " + e);
            throw new SourceException("Cannot read a folder of the local library", e);
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

    /** A visible entry: the name it has in its folder and the real path it leads to. */
    record Entry(String name, Path real) {
    }
}
