package dev.jamra.server.sources.local;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import java.util.zip.ZipException;

/**
 * Reads the metadata that readers' folders already hold. A manga: Mihon's {@code details.json} in its folder, else
 * a {@code ComicInfo.xml} in its folder (where Mihon now keeps a series' details), else its first chapter's
 * {@code ComicInfo.xml}; each field from the first of them that has it. A chapter: its {@code ComicInfo.xml} (in its
 * folder, or at the top of its {@code .cbz}). File names are matched in any case. A file that cannot be used is
 * skipped with a warning; reading never fails for it.
 */
final class MetadataReader {
    static final String DETAILS = "details.json";
    static final String COMIC_INFO = "ComicInfo.xml";

    private MetadataReader() {
    }

    static MangaMetadata manga(MangaDir manga, Reading reading) {
        reading.stamp(manga.dir());
        List<LocalFolder.Entry> entries;
        try {
            entries = manga.list();
        } catch (IOException e) {
            reading.warn("The folder", "cannot be listed");
            reading.readAgain(manga.dir());
            entries = List.of();
        }
        Optional<MihonDetails> details = file(entries, DETAILS, reading)
                .flatMap(bytes -> MihonDetails.parse(bytes, reading.about(DETAILS)));
        Optional<ComicInfo> folderInfo = file(entries, COMIC_INFO, reading)
                .flatMap(bytes -> ComicInfoXml.parse(bytes, reading.about(COMIC_INFO)));
        List<LocalFolder.Entry> chapters = MangaDir.chapters(entries);
        Optional<ComicInfo> chapterInfo = Optional.empty();
        if (!chapters.isEmpty()) {
            // its ComicInfo.xml and first page (the cover, when there is no cover file) are read
            reading.stamp(chapters.get(0).real());
            chapterInfo = comicInfo(chapters.get(0).name(), manga.chapterAt(chapters.get(0).real()), reading);
        }
        LocalCover cover = LocalCover.find(manga, entries, chapters, reading).orElse(null);
        List<ComicInfo> infos = Stream.of(folderInfo, chapterInfo).flatMap(Optional::stream).toList();
        return new MangaMetadata(
                first(details.map(MihonDetails::title), infos, ComicInfo::series),
                first(details.map(MihonDetails::description), infos, ComicInfo::summary),
                firstList(details.map(MihonDetails::authors), infos, ComicInfo::authors),
                firstList(details.map(MihonDetails::artists), infos, ComicInfo::artistNames),
                firstList(details.map(MihonDetails::genres), infos, ComicInfo::genres),
                first(details.map(MihonDetails::status), infos, info -> info.status().orElse(null)),
                first(Optional.empty(), infos, ComicInfo::language),
                first(Optional.empty(), infos, info -> info.readingDirection().orElse(null)),
                cover,
                reading.warnings());
    }

    static ChapterMetadata chapter(String name, LocalChapter chapter, Reading reading) {
        reading.stamp(chapter.path());
        Optional<ComicInfo> info = comicInfo(name, chapter, reading);
        Instant modified = FileStamp.of(chapter.path()).map(stamp -> stamp.modified().toInstant()).orElse(null);
        return new ChapterMetadata(
                info.map(ComicInfo::number).orElse(null),
                info.map(ComicInfo::volume).map(String::valueOf).orElse(null),
                info.map(ComicInfo::title).orElse(null),
                info.map(ComicInfo::language).orElse(null),
                info.map(ComicInfo::translator).orElse(null),
                info.map(ComicInfo::released).orElse(modified),
                reading.warnings());
    }

    /** The {@code ComicInfo.xml} of a chapter, if it has a usable one. */
    private static Optional<ComicInfo> comicInfo(String name, LocalChapter chapter, Reading reading) {
        String label = name + "/" + COMIC_INFO;
        try {
            return chapter.readFile(COMIC_INFO, Limits.MAX_METADATA_BYTES, reading::stamp)
                    .flatMap(bytes -> ComicInfoXml.parse(bytes, reading.about(label)));
        } catch (Limits.TooLargeException e) {
            reading.warn(label, tooLarge());
        } catch (ZipException e) {
            reading.warn(name, "is not a readable zip archive");
        } catch (IOException e) {
            reading.warn(name, "cannot be read for its " + COMIC_INFO);
            reading.readAgain(chapter.path());
        }
        return Optional.empty();
    }

    /** The bytes of the manga folder's file called {@code name} (any case), if there is a readable one. */
    private static Optional<byte[]> file(List<LocalFolder.Entry> entries, String name, Reading reading) {
        Optional<Path> file = LocalFolder.fileNamed(entries, name);
        if (file.isEmpty()) {
            return Optional.empty();
        }
        reading.stamp(file.get());
        try {
            return Optional.of(LocalFolder.readSmall(file.get(), Limits.MAX_METADATA_BYTES));
        } catch (Limits.TooLargeException e) {
            reading.warn(name, tooLarge());
        } catch (IOException e) {
            reading.warn(name, "cannot be read");
            reading.readAgain(file.get());
        }
        return Optional.empty();
    }

    private static String tooLarge() {
        return "is larger than " + Limits.MAX_METADATA_BYTES / 1024 + " KiB and was not read";
    }

    private static String first(Optional<String> preferred, List<ComicInfo> infos, Function<ComicInfo, String> field) {
        return preferred.or(() -> infos.stream().map(field).filter(value -> value != null).findFirst()).orElse(null);
    }

    private static List<String> firstList(Optional<List<String>> preferred, List<ComicInfo> infos,
                                          Function<ComicInfo, List<String>> field) {
        return preferred.filter(list -> !list.isEmpty())
                .or(() -> infos.stream().map(field).filter(list -> !list.isEmpty()).findFirst())
                .orElse(List.of());
    }
}
