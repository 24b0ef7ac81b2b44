package dev.jamra.server.sources.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import dev.jamra.server.sources.SourceNotFoundException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Ids of the local source: URL-safe, reversible, and never more than one plain name inside the folder. */
class LocalIdsTest {

    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "one-piece_01.cbz | one-piece_01.cbz",
            "Chapter 1        | ~Chapter_1",
            "Re:Zero          | ~Re~3AZero",
            "Ch 1: Start      | ~Ch_1~3A_Start",
            // a literal _ is escaped where _ stands for a space
            "a_b c            | ~a~5Fb_c",
            "\u00dcber ~      | ~~C3~9Cber_~7E",
            "-dash            | ~-dash",
            "Back\\slash      | ~Back~5Cslash"})
    void plainNamesAreTheirOwnIdsAndOthersReadableEscapes(String name, String id) {
        assertEquals(id, LocalIds.encode(name));
    }

    @ParameterizedTest(name = "\"{0}\"")
    @ValueSource(strings = {"Chapter 1", "\u00dcber ~ \u6f2b\u753b", ".hidden", "a?b#c%20", "-dash", "a_b c",
            "Re:Zero", "x\\y", "~", "~41", "__", "  "})
    void anEscapedNameIsUrlSafeAndDecodesToItself(String name) {
        String id = LocalIds.encode(name);
        assertTrue(id.matches("~[A-Za-z0-9._~-]+"), id);
        assertEquals(Optional.of(name), LocalIds.decode(id), id);
        assertEquals(List.of(name), LocalIds.names(id), id);
    }

    @Test
    void idsThatLeadOutOfTheFolderDecodeToNothing() {
        for (String name : List.of("..", ".", "../x", "a/b", "/etc", "a\0b", "")) {
            assertEquals(Optional.empty(), LocalIds.decode(name), name);
            assertEquals(Optional.empty(), LocalIds.decode(LocalIds.encode(name)), name);
            assertEquals(List.of(), LocalIds.names(encodedRaw(name)), name);
        }
        assertEquals(Optional.empty(), LocalIds.decode(null));
    }

    @Test
    void eachNameHasOneIdSoOtherSpellingsDecodeToNothing() {
        for (String id : List.of("~Chapter~201", "~Re~3aZero", "~Plain", "~a~", "~a~4", "~a~G1", "~a b", "~a%20b",
                "~~2F", "~..", "~.", "~~00", "~" + "a".repeat(256), "Chapter 1", "a/b", "~")) {
            assertEquals(Optional.empty(), LocalIds.decode(id), id);
        }
    }

    @Test
    void theEdgesOfTheLiteralCharactersAreEscaped() {
        // the neighbours of 0-9, A-Z, a-z in ASCII are escaped; the edges themselves are literal
        assertEquals("~09~3A~2C", LocalIds.encode("09:,"));
        assertEquals("~~40AZ~5B~60az~7B", LocalIds.encode("@AZ[`az{"));
        for (String id : List.of("~a~3a", "~a~3g", "~a~@0", "~a~0@", "~a~/0", "~a~0:", "~a~:0")) {
            assertEquals(Optional.empty(), LocalIds.decode(id), id);
        }
        assertEquals(Optional.of("a" + "\u00ff"), LocalIds.decode("~a~C3~BF"));
        String longest = "a b".repeat(85);
        assertEquals(255, longest.length());
        assertEquals(Optional.of(longest), LocalIds.decode(LocalIds.encode(longest)));
        assertEquals(Optional.empty(), LocalIds.decode(LocalIds.encode(longest + "c")), "longer than a file name");
    }

    @Test
    void idsOfEarlierVersionsStillDecode() {
        assertEquals(List.of("Chapter 1"), LocalIds.names("~Q2hhcHRlciAx"));
        assertEquals(Optional.of("Re:Zero"), LocalIds.decodeLegacy("~UmU6WmVybw"));
        assertEquals(Optional.empty(), LocalIds.decodeLegacy("~UGxhaW4"), "Plain was always its own id");
        assertEquals(Optional.empty(), LocalIds.decodeLegacy("~Q2hhcHRlciAx=="), "padding was never written");
        assertEquals(Optional.empty(), LocalIds.decodeLegacy("Q2hhcHRlciAx"));
        assertEquals(Optional.empty(), LocalIds.decodeLegacy("~"));
        assertEquals(Optional.empty(), LocalIds.decodeLegacy("~A"), "one character decodes to no byte");
        assertEquals(Optional.of(" "), LocalIds.decodeLegacy("~IA"));
        assertEquals(List.of(" A"), LocalIds.names("~_A"));
        assertEquals(List.of(), LocalIds.names("~not base64!"));
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
