package dev.jamra.server.sources.local;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.jamra.server.sources.ImageSize;
import dev.jamra.server.sources.SourceNotFoundException;
import dev.jamra.server.testing.Cbz;
import dev.jamra.server.testing.Images;
import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** What the local source reads of an archive besides its pages: a top-level metadata file, within a limit. */
class CbzArchiveTest {
    private final Path dir = TestConfig.newDataDir();

    @Test
    void aTopLevelFileIsReadInAnyCaseUpToTheLimit() throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("nested/ComicInfo.xml", new byte[] {1});
        entries.put("COMICINFO.XML", new byte[10]);
        Path cbz = Cbz.write(dir.resolve("a.cbz"), entries);
        assertArrayEquals(new byte[10], CbzArchive.readFile(cbz, "ComicInfo.xml", 10).orElseThrow());
        assertThrows(Limits.TooLargeException.class, () -> CbzArchive.readFile(cbz, "ComicInfo.xml", 9));
        assertEquals(Optional.empty(), CbzArchive.readFile(cbz, "details.json", 10));
        Path nested = Cbz.write(dir.resolve("b.cbz"), Map.of("x/ComicInfo.xml", new byte[1], "ComicInfo.xml/", new byte[0]));
        assertEquals(Optional.empty(), CbzArchive.readFile(nested, "ComicInfo.xml", 10), "only at the top, a file");
    }

    @Test
    void sizesAndDeclaredSizesAreOnlyOfSafePages() throws IOException {
        byte[] page = Images.of("png", 3, 4);
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("1.png", page);
        entries.put("../2.png", page);
        entries.put("dir.png/", new byte[0]);
        Path cbz = Cbz.write(dir.resolve("c.cbz"), entries);
        assertEquals(List.of(Optional.of(new ImageSize(3, 4)), Optional.empty(), Optional.empty(), Optional.empty()),
                CbzArchive.sizes(cbz, List.of("1.png", "../2.png", "dir.png/", "missing.png")));
        assertEquals(page.length, CbzArchive.declaredSize(cbz, "1.png"));
        assertThrows(SourceNotFoundException.class, () -> CbzArchive.declaredSize(cbz, "../2.png"));
        assertThrows(SourceNotFoundException.class, () -> CbzArchive.declaredSize(cbz, "missing.png"));
    }
}
