package dev.jamra.server.sources;

import java.io.ByteArrayInputStream;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

import dev.jamra.server.testing.LogLines;
import dev.jamra.server.testing.StubSource;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The URLs clients get for covers: web ones as they are, served ones as this server's cover route. */
class SourceCoversTest {
    private static final String BASE = "http://localhost:3000";
    private static final CoverImage IMAGE = new CoverImage("image/png", 3, Instant.EPOCH, "v1",
            () -> new ByteArrayInputStream(new byte[3]));

    @Test
    void aWebCoverIsKeptAndALocatorBecomesTheCoverRoute() {
        assertEquals("https://x/c.jpg", SourceCovers.forClient("https://x/c.jpg", BASE, "s", "m"));
        assertEquals("HTTP://x/c.jpg", SourceCovers.forClient("HTTP://x/c.jpg", BASE, "s", "m"));
        assertEquals(BASE + "/api/extensions/s/manga/~a_b/cover", SourceCovers.forClient("s:~a_b/cover", BASE, "s",
                "~a_b"));
        assertEquals(BASE + "/api/extensions/s/manga/a%20b%2Fc/cover", SourceCovers.forClient("x", BASE, "s", "a b/c"),
                "an id is one path segment");
    }

    @Test
    void aServedCoverIsOfferedOnlyWhenItsSourceHasOne() {
        SourceCovers covers = new SourceCovers(new SourceRegistry(List.of(
                source("serving", id -> Optional.of(IMAGE)),
                source("none", id -> Optional.empty()),
                source("unknown", id -> {
                    throw new SourceNotFoundException("No manga " + id);
                }),
                source("broken", id -> {
                    throw new SourceException("Cannot read the folder");
                }))));
        assertEquals(Optional.of(BASE + "/api/extensions/serving/manga/m/cover"), covers.servedCover("serving", "m", BASE));
        assertEquals(Optional.empty(), covers.servedCover("none", "m", BASE));
        assertEquals(Optional.empty(), covers.servedCover("unknown", "m", BASE));
        try (LogLines log = LogLines.of(SourceCovers.class.getName(), Level.FINE)) {
            assertEquals(Optional.empty(), covers.servedCover("broken", "m", BASE));
            assertEquals(List.of("FINE Source broken failed to tell the cover of m: "
                                 + "dev.jamra.server.sources.SourceException: Cannot read the folder"), log.lines());
        }
        assertEquals(Optional.empty(), covers.servedCover("not-installed", "m", BASE));
    }

    private interface Covers {
        Optional<CoverImage> of(String mangaId);
    }

    private static MangaSource source(String id, Covers covers) {
        return new StubSource(id) {
            @Override
            public Optional<CoverImage> cover(String mangaId) {
                return covers.of(mangaId);
            }
        };
    }
}
