package dev.jamra.server.sources.local;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;

import dev.jamra.server.sources.ImageSize;
import dev.jamra.server.sources.ImageTypes;
import dev.jamra.server.sources.PageContent;
import dev.jamra.server.sources.SourceNotFoundException;

/** A chapter on disk: a folder of images or a {@code .cbz} archive. Pages are named; their order is natural. */
sealed interface LocalChapter permits LocalChapter.Folder, LocalChapter.Archive {

    /** The page names in reading order. */
    List<String> pageNames() throws IOException;

    /** Opens a page returned by {@link #pageNames()}. */
    PageContent open(String pageName) throws IOException;

    /** The pixel size of each page named, from its header; empty where the header gives none. */
    List<Optional<ImageSize>> sizes(List<String> pageNames) throws IOException;

    /** The chapter's folder or archive file (a real path). */
    Path path();

    /**
     * The bytes of the chapter's own file called {@code name} in any case ({@code ComicInfo.xml}), at most
     * {@code limit} of them (more is a {@link Limits.TooLargeException}); empty when there is none. A file read
     * inside a chapter folder goes to {@code read}, to be stamped; the folder or archive itself is the caller's to
     * stamp.
     */
    Optional<byte[]> readFile(String name, int limit, Consumer<Path> read) throws IOException;

    static boolean isArchive(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".cbz");
    }

    /** The chapter's title: its name without the archive extension. */
    static String title(String fileName) {
        return isArchive(fileName) ? fileName.substring(0, fileName.length() - 4) : fileName;
    }

    /** A folder of image files; sub-folders are ignored. */
    record Folder(LocalFolder folder, Path realRoot, Path dir) implements LocalChapter {

        @Override
        public List<String> pageNames() {
            return pages(folder.entries(realRoot, dir));
        }

        /** The page names, failing without a log ({@link LocalFolder#list}): for reading the cover. */
        List<String> listPages() throws IOException {
            return pages(folder.list(realRoot, dir));
        }

        private static List<String> pages(List<LocalFolder.Entry> entries) {
            return entries.stream()
                    .filter(entry -> Files.isRegularFile(entry.real()) && ImageTypes.isImage(entry.name()))
                    .map(LocalFolder.Entry::name)
                    .sorted(NaturalOrder.INSTANCE)
                    .toList();
        }

        @Override
        public PageContent open(String pageName) throws IOException {
            Path file = pageFile(pageName).orElseThrow(() -> new SourceNotFoundException("No page " + pageName));
            InputStream stream = Files.newInputStream(file);
            return new PageContent(stream, ImageTypes.contentTypeOf(pageName).orElseThrow());
        }

        @Override
        public List<Optional<ImageSize>> sizes(List<String> pageNames) {
            return pageNames.stream()
                    .map(name -> folder.child(realRoot, dir, name).flatMap(ImageSize::of))
                    .toList();
        }

        @Override
        public Path path() {
            return dir;
        }

        @Override
        public Optional<byte[]> readFile(String name, int limit, Consumer<Path> read) throws IOException {
            Optional<Path> file = LocalFolder.fileNamed(folder.list(realRoot, dir), name);
            if (file.isEmpty()) {
                return Optional.empty();
            }
            read.accept(file.get());
            return Optional.of(LocalFolder.readSmall(file.get(), limit));
        }

        /** A page's file, if it is still there and inside the library. */
        Optional<Path> pageFile(String pageName) {
            return folder.child(realRoot, dir, pageName).filter(Files::isRegularFile);
        }
    }

    /** A zip archive of images ({@code .cbz}). */
    record Archive(Path file) implements LocalChapter {

        @Override
        public List<String> pageNames() throws IOException {
            return CbzArchive.pageNames(file);
        }

        @Override
        public PageContent open(String pageName) throws IOException {
            return new PageContent(CbzArchive.open(file, pageName), ImageTypes.contentTypeOf(pageName).orElseThrow());
        }

        @Override
        public List<Optional<ImageSize>> sizes(List<String> pageNames) throws IOException {
            return CbzArchive.sizes(file, pageNames);
        }

        @Override
        public Path path() {
            return file;
        }

        @Override
        public Optional<byte[]> readFile(String name, int limit, Consumer<Path> read) throws IOException {
            return CbzArchive.readFile(file, name, limit);
        }
    }
}
