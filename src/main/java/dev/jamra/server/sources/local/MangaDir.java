package dev.jamra.server.sources.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A manga folder of the library, found by {@link LocalFolder} (so inside it): its entries, its chapters (sub-folders
 * and {@code .cbz} files) in natural order, and an entry by name.
 *
 * @param root the library folder's real path
 * @param dir  the manga folder's real path
 * @param name the folder's name in the library (a link's own name, not its target's): the manga's id, encoded, and
 *             its title when no metadata names it
 */
record MangaDir(LocalFolder folder, Path root, Path dir, String name) {

    List<LocalFolder.Entry> entries() {
        return folder.entries(root, dir);
    }

    /** The entries, failing without a log ({@link LocalFolder#list}). */
    List<LocalFolder.Entry> list() throws IOException {
        return folder.list(root, dir);
    }

    /** The chapters, in reading order. */
    List<LocalFolder.Entry> chapters() {
        return chapters(entries());
    }

    /** The chapters among {@code entries} of this folder, in reading order. */
    static List<LocalFolder.Entry> chapters(List<LocalFolder.Entry> entries) {
        return entries.stream()
                .filter(entry -> isChapter(entry.name(), entry.real()))
                .sorted((a, b) -> NaturalOrder.INSTANCE.compare(a.name(), b.name()))
                .toList();
    }

    /** The chapter called {@code name}, if there is one. */
    Optional<LocalChapter> chapter(String name) {
        return folder.child(root, dir, name).filter(real -> isChapter(name, real)).map(this::chapterAt);
    }

    /** The chapter at a real path listed by {@link #chapters()}. */
    LocalChapter chapterAt(Path real) {
        return Files.isDirectory(real) ? new LocalChapter.Folder(folder, root, real) : new LocalChapter.Archive(real);
    }

    /** The entry called {@code name} in the manga folder, if it exists and stays inside the library. */
    Optional<Path> child(String name) {
        return folder.child(root, dir, name);
    }

    private static boolean isChapter(String name, Path real) {
        return Files.isDirectory(real) || (LocalChapter.isArchive(name) && Files.isRegularFile(real));
    }
}
