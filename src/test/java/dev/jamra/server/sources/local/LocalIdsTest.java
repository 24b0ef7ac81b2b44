package dev.jamra.server.sources.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.jamra.server.sources.SourceNotFoundException;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Ids of the local source: URL-safe, reversible, and never more than one plain name inside the folder. */
class LocalIdsTest {

    @Test
    void plainNamesAreTheirOwnIdsAndOthersAreEncoded() {
        assertEquals("one-piece_01.cbz", LocalIds.encode("one-piece_01.cbz"));
        for (String name : List.of("Chapter 1", "Über ~ 漫画", ".hidden", "a?b#c", "-dash")) {
            String id = LocalIds.encode(name);
            assertEquals(true, id.matches("~[A-Za-z0-9_-]+"), id);
            assertEquals(Optional.of(name), LocalIds.decode(id));
        }
    }

    @Test
    void idsThatLeadOutOfTheFolderDecodeToNothing() {
        for (String name : List.of("..", ".", "../x", "a/b", "/etc", "a\\b", "C:x", "a\0b", "")) {
            assertEquals(Optional.empty(), LocalIds.decode(name), name);
            assertEquals(Optional.empty(), LocalIds.decode(encodedRaw(name)), name);
        }
        assertEquals(Optional.empty(), LocalIds.decode("~not base64!"));
    }

    @Test
    void theSourceRefusesRawPathsEvenWhenCalledDirectly(@org.junit.jupiter.api.io.TempDir Path dir)
            throws IOException {
        Path root = Files.createDirectories(dir.resolve("library"));
        Files.createDirectories(dir.resolve("outside/Chapter 1"));
        Files.createDirectories(root.resolve("manga/ch1"));
        LocalSource source = new LocalSource(root);
        for (String id : List.of("../outside", "..", "/" + dir.resolve("outside"), "manga/ch1")) {
            assertThrows(SourceNotFoundException.class, () -> source.manga(id), id);
        }
        assertThrows(SourceNotFoundException.class, () -> source.pages("manga", "../../outside/Chapter 1"));
        assertEquals(1, source.manga("manga").chapters().size());
    }

    private static String encodedRaw(String name) {
        return "~" + java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
