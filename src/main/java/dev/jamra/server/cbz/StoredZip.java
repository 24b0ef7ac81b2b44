package dev.jamra.server.cbz;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * A ZIP written as it goes, every entry stored as it is (no compression: page images are compressed already, and a
 * comic reader reads stored entries in place). A stored entry's CRC and size go before its bytes, so a file is
 * read twice, once for them and once to copy it: no entry is ever held in memory.
 */
final class StoredZip {
    private static final int BUFFER = 64 * 1024;

    private final ZipOutputStream zip;

    StoredZip(OutputStream out) {
        this.zip = new ZipOutputStream(out, StandardCharsets.UTF_8);
        zip.setMethod(ZipOutputStream.STORED);
    }

    /** Adds {@code file} under {@code name}; returns its size. */
    long addFile(String name, Path file) throws IOException {
        CRC32 crc = new CRC32();
        long size = 0;
        byte[] buffer = new byte[BUFFER];
        try (InputStream in = Files.newInputStream(file)) {
            int read;
            while ((read = in.read(buffer)) != -1) {
                crc.update(buffer, 0, read);
                size += read;
            }
        }
        zip.putNextEntry(entry(name, size, crc.getValue()));
        try (InputStream in = Files.newInputStream(file)) {
            in.transferTo(zip);
        }
        // the next entry, or finish, closes this one and checks its CRC and size: a file changed meanwhile fails
        return size;
    }

    /** Adds {@code bytes} under {@code name}. */
    void addBytes(String name, byte[] bytes) throws IOException {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        zip.putNextEntry(entry(name, bytes.length, crc.getValue()));
        zip.write(bytes);
    }

    /** Writes the central directory; the stream under it stays open. */
    void finish() throws IOException {
        zip.finish();
    }

    /** A stored entry: its method is the stream's, its compressed size its size. */
    private static ZipEntry entry(String name, long size, long crc) {
        ZipEntry entry = new ZipEntry(name);
        entry.setSize(size);
        entry.setCrc(crc);
        return entry;
    }
}
