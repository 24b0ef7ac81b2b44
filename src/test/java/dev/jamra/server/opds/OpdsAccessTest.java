package dev.jamra.server.opds;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which paths the catalog's credentials guard, and how a {@code Basic} header is read and judged. */
class OpdsAccessTest {
    private static final OpdsAccess ACCESS = new OpdsAccess(new OpdsSettings(Optional.of("reader"),
            Optional.of("pä:ss")));

    private static Optional<String> basic(String credentials) {
        return Optional.of("Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theCatalogAndTheArchivesItLinksToAreGuardedAndNothingElse() {
        for (String path : new String[] {"/opds", "/opds/", "/opds/v2/titles/x", "//opds", "/opds//stream/a/b/0",
                                         "/api/library/a/chapters/b/cbz", "/api/library/a/chapters/b/cbz/",
                                         "//api//library/a/chapters/b/cbz"}) {
            assertTrue(OpdsAccess.guarded(path), path);
        }
        for (String path : new String[] {"/", "/opdsx", "/api/opds", "/api/library", "/api/library/a",
                                         "/api/library/a/chapters/b/progress", "/api/library/a/chapters/b/cbzx",
                                         "/api/library/a/b/chapters/c/cbz", "/api/reader/a/chapters/b/pages/1",
                                         "/health"}) {
            assertFalse(OpdsAccess.guarded(path), path);
        }
    }

    @Test
    void aBasicHeaderGivesItsDecodedCredentials() {
        assertArrayEquals("a:b".getBytes(), OpdsAccess.credentials("Basic YTpi").orElseThrow());
        assertArrayEquals("a:b".getBytes(), OpdsAccess.credentials("  bAsIc   YTpi  ").orElseThrow());
        assertEquals(Optional.empty(), OpdsAccess.credentials("Bearer YTpi"));
        assertEquals(Optional.empty(), OpdsAccess.credentials("Basic"));
        assertEquals(Optional.empty(), OpdsAccess.credentials("BasicYTpi"));
        assertEquals(Optional.empty(), OpdsAccess.credentials("Basic not*base64"));
    }

    @Test
    void onlyTheExactUserNameAndPasswordAreTaken() {
        assertTrue(ACCESS.authorized(basic("reader:pä:ss")));
        assertFalse(ACCESS.authorized(basic("reader:pä:sS")));
        assertFalse(ACCESS.authorized(basic("Reader:pä:ss")));
        assertFalse(ACCESS.authorized(basic("reader:pä:ss ")));
        assertFalse(ACCESS.authorized(basic("reader")));
        assertFalse(ACCESS.authorized(Optional.empty()));
        assertFalse(ACCESS.authorized(Optional.of("Digest reader:pä:ss")));
    }

    @Test
    void settingsComeInPairsAndHideThePassword() {
        assertThrows(IllegalArgumentException.class, () -> new OpdsSettings(Optional.of("u"), Optional.empty()));
        assertThrows(IllegalArgumentException.class, () -> new OpdsSettings(Optional.empty(), Optional.of("p")));
        assertThrows(IllegalArgumentException.class, () -> new OpdsSettings(Optional.of("a:b"), Optional.of("p")));
        String shown = new OpdsSettings(Optional.of("reader"), Optional.of("s3cret")).toString();
        assertFalse(shown.contains("s3cret"), shown);
        assertEquals("OpdsSettings[username=reader, password=(set)]", shown);
        assertEquals("OpdsSettings[username=(none), password=(none)]",
                new OpdsSettings(Optional.empty(), Optional.empty()).toString());
    }

    @Test
    void settingsAreReadFromConfigurationWithBlankValuesUnset() {
        assertEquals(new OpdsSettings(Optional.empty(), Optional.empty()),
                OpdsSettings.from(dev.jamra.server.testing.TestConfig.builtIn(java.util.Map.of()).get("opds")));
        assertEquals(new OpdsSettings(Optional.empty(), Optional.empty()),
                OpdsSettings.from(dev.jamra.server.testing.TestConfig.builtIn(java.util.Map.of(
                        "opds.username", " ", "opds.password", "")).get("opds")));
        assertEquals(new OpdsSettings(Optional.of("u"), Optional.of("p w")),
                OpdsSettings.from(dev.jamra.server.testing.TestConfig.builtIn(java.util.Map.of(
                        "opds.username", "u", "opds.password", "p w")).get("opds")));
    }
}
