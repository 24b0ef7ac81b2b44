package dev.jamra.server.sources.local;

import java.util.List;
import java.util.stream.Stream;

/**
 * What a manga folder says of its manga besides its chapters; each field null (or empty) when nothing says it.
 *
 * @param status           the renderer's status ({@code ongoing}, {@code completed}, {@code hiatus},
 *                         {@code cancelled})
 * @param readingDirection {@code rtl} or {@code ltr}
 * @param cover            where its cover is, null when it has none
 * @param warnings         what could not be used, in sentences naming files by their names in the manga folder
 */
record MangaMetadata(String title, String description, List<String> authors, List<String> artists,
                     List<String> tags, String status, String language, String readingDirection, LocalCover cover,
                     List<String> warnings) {

    MangaMetadata {
        authors = List.copyOf(authors);
        artists = List.copyOf(artists);
        tags = List.copyOf(tags);
        warnings = List.copyOf(warnings);
    }

    /** About the bytes it holds, for the cache's bound. */
    long weight() {
        Stream<String> texts = Stream.of(Stream.of(title, description, status, language, readingDirection),
                authors.stream(), artists.stream(), tags.stream(), warnings.stream()).flatMap(s -> s);
        return 256 + 2L * texts.mapToLong(text -> text == null ? 0 : text.length() + 24).sum();
    }
}
