package dev.jamra.server.sources;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * Where a source's plug-in was loaded from, as {@code /api/extensions} and {@code /api/catalog} show it: built
 * into the server, or the name of the jar it came in, and when that jar was installed (its modification time).
 * Only file names are shown, never a folder of this machine.
 *
 * @param repoSource  {@code built-in}, or the plug-in jar's file name
 * @param installPath the file name of the jar or class folder the plug-in was loaded from
 * @param installedAt when that file was last written; the server's start when it cannot be read
 */
record SourceOrigin(String repoSource, String installPath, Instant installedAt) {
    static final String BUILT_IN = "built-in";
    /** When the plug-ins were found: the server's start, to the millisecond the API shows. */
    static final Instant STARTED = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    private static final ClassValue<SourceOrigin> BY_CLASS = new ClassValue<>() {
        @Override
        protected SourceOrigin computeValue(Class<?> type) {
            return find(type);
        }
    };

    /** The origin of {@code source}'s class, worked out once per class. */
    static SourceOrigin of(MangaSource source) {
        return BY_CLASS.get(source.getClass());
    }

    private static SourceOrigin find(Class<?> type) {
        Optional<Path> location = location(type);
        Optional<Path> server = location(SourceOrigin.class);
        String file = location.map(Path::getFileName).map(Path::toString).orElse("class path");
        Instant installed = location.flatMap(SourceOrigin::modified).orElse(STARTED);
        boolean builtIn = location.isEmpty() || location.equals(server);
        return new SourceOrigin(builtIn ? BUILT_IN : file, file, installed);
    }

    private static Optional<Path> location(Class<?> type) {
        try {
            CodeSource code = type.getProtectionDomain().getCodeSource();
            return code == null || code.getLocation() == null
                    ? Optional.empty()
                    : Optional.of(Path.of(code.getLocation().toURI()));
        } catch (URISyntaxException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Instant> modified(Path file) {
        try {
            return Optional.of(Files.getLastModifiedTime(file).toInstant());
        } catch (java.io.IOException | RuntimeException e) {
            return Optional.empty();
        }
    }
}
