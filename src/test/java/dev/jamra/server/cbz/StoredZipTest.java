package dev.jamra.server.cbz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Entries stored as they are, each with the CRC and sizes a reader checks, in the order they were added. */
class StoredZipTest {

    @Test
    void filesAndBytesAreStoredWithTheirCrcAndSize() throws IOException {
        Path dir = TestConfig.newDataDir();
        byte[] big = new byte[200_000];
        for (int i = 0; i < big.length; i++) {
            big[i] = (byte) (i * 31);
        }
        Path file = Files.write(dir.resolve("page"), big);
        Path empty = Files.write(dir.resolve("empty"), new byte[0]);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StoredZip zip = new StoredZip(out);
        assertEquals(big.length, zip.addFile("001.png", file));
        assertEquals(0, zip.addFile("002.png", empty));
        zip.addBytes("ComicInfo.xml", "<ComicInfo/>".getBytes());
        zip.finish();
        out.write("after".getBytes());  // finishing leaves the stream open

        Path archive = Files.write(dir.resolve("a.cbz"), out.toByteArray());
        try (java.util.zip.ZipFile read = new java.util.zip.ZipFile(archive.toFile())) {
            assertEquals(3, read.size(), "the central directory lists every entry");
        }
        Map<String, byte[]> entries = CbzArchives.entries(out.toByteArray());
        assertEquals(List.of("001.png", "002.png", "ComicInfo.xml"), List.copyOf(entries.keySet()));
        assertArrayEquals(big, entries.get("001.png"));
        assertEquals(0, entries.get("002.png").length);
        try (ZipInputStream in = new ZipInputStream(new java.io.ByteArrayInputStream(out.toByteArray()))) {
            ZipEntry entry = in.getNextEntry();
            CRC32 crc = new CRC32();
            crc.update(big);
            assertEquals(crc.getValue(), entry.getCrc());
            assertEquals(big.length, entry.getSize());
            assertEquals(big.length, entry.getCompressedSize());
        }
    }
}
