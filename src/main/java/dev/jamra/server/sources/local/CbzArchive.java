package dev.jamra.server.sources.local;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import dev.jamra.server.sources.ImageSize;
import dev.jamra.server.sources.ImageTypes;
import dev.jamra.server.sources.SourceNotFoundException;

/**
 * Reads the pages of a {@code .cbz} (a zip of images) in place, without extracting anything. Entries whose names
 * could point outside the archive ({@code ../x}, {@code /x}, {@code C:x}) are refused, as are hidden entries and
 * anything that is not an image. The one other file read, a top-level {@code ComicInfo.xml}, is read up to a limit
 * counted on the bytes inflated, whatever the archive declares.
 */
final class CbzArchive {
    private CbzArchive() {
    }

    static List<String> pageNames(Path file) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            return Collections.list(zip.entries()).stream()
                    .filter(entry -> !entry.isDirectory())
                    .map(ZipEntry::getName)
                    .filter(CbzArchive::isSafePage)
                    .sorted(NaturalOrder.INSTANCE)
                    .toList();
        }
    }

    /** The pixel size of each named page, reading the archive once; empty where the header gives none. */
    static List<Optional<ImageSize>> sizes(Path file, List<String> pageNames) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            List<Optional<ImageSize>> sizes = new ArrayList<>(pageNames.size());
            for (String name : pageNames) {
                ZipEntry entry = isSafePage(name) ? zip.getEntry(name) : null;
                if (entry == null || entry.isDirectory()) {
                    sizes.add(Optional.empty());
                    continue;
                }
                try (InputStream in = zip.getInputStream(entry)) {
                    sizes.add(ImageSize.read(in));
                }
            }
            return sizes;
        }
    }

    /** The bytes of a page; closing the stream closes the archive. */
    static InputStream open(Path file, String pageName) throws IOException {
        if (!isSafePage(pageName)) {
            throw new SourceNotFoundException("No page " + pageName);
        }
        ZipFile zip = new ZipFile(file.toFile());
        try {
            ZipEntry entry = zip.getEntry(pageName);
            if (entry == null || entry.isDirectory()) {
                throw new SourceNotFoundException("No page " + pageName);
            }
            return new FilterInputStream(zip.getInputStream(entry)) {
                @Override
                public void close() throws IOException {
                    try {
                        super.close();
                    } finally {
                        zip.close();
                    }
                }
            };
        } catch (IOException | RuntimeException e) {
            zip.close();
            throw e;
        }
    }

    /**
     * The bytes of the archive's top-level file called {@code name} in any case ({@code ComicInfo.xml}), at most
     * {@code limit} of them (more is a {@link Limits.TooLargeException}, whatever the archive declares); empty when
     * the archive has no such file.
     */
    static Optional<byte[]> readFile(Path file, String name, int limit) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Optional<? extends ZipEntry> found = zip.stream()
                    .filter(entry -> !entry.isDirectory() && entry.getName().equalsIgnoreCase(name))
                    .findFirst();
            if (found.isEmpty()) {
                return Optional.empty();
            }
            if (found.get().getSize() > limit) {
                throw new Limits.TooLargeException(limit);
            }
            try (InputStream in = zip.getInputStream(found.get())) {
                return Optional.of(Limits.readAll(in, limit));
            }
        }
    }

    /** The size the archive's directory declares for a page, -1 when it declares none. */
    static long declaredSize(Path file, String pageName) throws IOException {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = isSafePage(pageName) ? zip.getEntry(pageName) : null;
            if (entry == null) {
                throw new SourceNotFoundException("No page " + pageName);
            }
            return entry.getSize();
        }
    }

    /** An image entry whose every path segment is a plain visible name. */
    static boolean isSafePage(String entryName) {
        String name = entryName.replace('\\', '/');
        if (name.isEmpty() || name.startsWith("/") || name.indexOf(':') >= 0 || name.indexOf('\0') >= 0
            || !ImageTypes.isImage(name)) {
            return false;
        }
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.startsWith(".") || segment.equals("__MACOSX")) {
                return false;
            }
        }
        return true;
    }
}
