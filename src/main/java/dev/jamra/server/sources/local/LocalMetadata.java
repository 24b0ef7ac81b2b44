package dev.jamra.server.sources.local;

import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Optional;

/**
 * The metadata of the library's manga and chapters, read by {@link MetadataReader} and kept while their files are
 * unchanged, so a listing run every few seconds parses nothing twice and warns once: what could not be used is
 * logged as one WARNING per manga (or chapter) when its files are first read and again only after they change,
 * naming the manga by its folder's name, never by a path.
 */
final class LocalMetadata {
    private static final System.Logger LOG = System.getLogger(LocalMetadata.class.getName());
    /** Manga kept: a large library's, in a few MiB. */
    static final int MAX_MANGA = 10_000;
    static final long MAX_MANGA_WEIGHT = 16L * 1024 * 1024;
    /** Chapters kept: some hundreds of manga's. */
    static final int MAX_CHAPTERS = 50_000;
    static final long MAX_CHAPTER_WEIGHT = 16L * 1024 * 1024;

    private final StampedCache<MangaMetadata> mangas;
    private final StampedCache<ChapterMetadata> chapters;

    LocalMetadata() {
        this(new StampedCache<>(MAX_MANGA, MAX_MANGA_WEIGHT), new StampedCache<>(MAX_CHAPTERS, MAX_CHAPTER_WEIGHT));
    }

    LocalMetadata(StampedCache<MangaMetadata> mangas, StampedCache<ChapterMetadata> chapters) {
        this.mangas = mangas;
        this.chapters = chapters;
    }

    MangaMetadata manga(MangaDir manga) {
        Optional<MangaMetadata> kept = mangas.get(manga.dir());
        if (kept.isPresent()) {
            return kept.get();
        }
        Reading reading = new Reading();
        MangaMetadata read = MetadataReader.manga(manga, reading);
        if (mangas.put(manga.dir(), reading.stamps(), read, read.weight())) {
            warn("Local manga \"" + manga.name() + "\"", read.warnings());
        }
        return read;
    }

    /** A chapter of {@code manga}: an entry {@link MangaDir#chapters()} listed. */
    ChapterMetadata chapter(MangaDir manga, LocalFolder.Entry chapter) {
        Optional<ChapterMetadata> kept = chapters.get(chapter.real());
        if (kept.isPresent()) {
            return kept.get();
        }
        Reading reading = new Reading();
        ChapterMetadata read = MetadataReader.chapter(chapter.name(), manga.chapterAt(chapter.real()), reading);
        if (chapters.put(chapter.real(), reading.stamps(), read, read.weight())) {
            warn("Local manga \"" + manga.name() + "\", chapter \"" + chapter.name() + "\"", read.warnings());
        }
        return read;
    }

    private static void warn(String what, List<String> warnings) {
        if (!warnings.isEmpty()) {
            LOG.log(Level.WARNING, what + ": " + String.join("; ", warnings));
        }
    }
}
