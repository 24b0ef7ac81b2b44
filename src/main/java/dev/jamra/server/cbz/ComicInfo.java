package dev.jamra.server.cbz;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.jamra.server.sources.ImageSize;

/**
 * What a chapter's {@code ComicInfo.xml} says: the fields of the Anansi ComicInfo schema v2.0 that a source can
 * tell. Text fields are empty when unknown and then left out of the file.
 *
 * @param volume      the volume, written only when it is a whole number (the schema's {@code Volume} is an int)
 * @param writers     authors, written comma-separated as {@code Writer}
 * @param pencillers  artists, written comma-separated as {@code Penciller}
 * @param genres      genres and themes, written comma-separated as {@code Genre}
 * @param web         the chapter's page on the web, where its source is a web site
 * @param languageIso the chapter's language, a BCP 47 tag such as {@code en}
 */
record ComicInfo(String title, String series, String number, Optional<Integer> volume, String summary,
                 List<String> writers, List<String> pencillers, List<String> genres, Optional<String> web,
                 Optional<String> languageIso, List<PageInfo> pages) {

    ComicInfo {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(volume, "volume");
        Objects.requireNonNull(summary, "summary");
        writers = List.copyOf(writers);
        pencillers = List.copyOf(pencillers);
        genres = List.copyOf(genres);
        Objects.requireNonNull(web, "web");
        Objects.requireNonNull(languageIso, "languageIso");
        pages = List.copyOf(pages);
    }

    /**
     * One page as the archive holds it.
     *
     * @param image its position, from 0 (the schema's {@code Image})
     * @param bytes its file's size
     * @param size  its pixel size, where its header gives one
     */
    record PageInfo(int image, long bytes, Optional<ImageSize> size) {
        PageInfo {
            Objects.requireNonNull(size, "size");
        }
    }

    /** The same description with the pages the archive ended up holding. */
    ComicInfo withPages(List<PageInfo> archived) {
        return new ComicInfo(title, series, number, volume, summary, writers, pencillers, genres, web, languageIso,
                archived);
    }
}
