package dev.jamra.server.sources.local;

import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

/**
 * What a chapter's {@code ComicInfo.xml} and its file say of it; each field null when nothing says it.
 *
 * @param number    the chapter's number as written ({@code Number})
 * @param volume    a whole number as text ({@code Volume})
 * @param title     {@code Title}
 * @param language  a BCP 47 tag ({@code LanguageISO})
 * @param scanlator {@code Translator}
 * @param updatedAt the release date ({@code Year}, {@code Month}, {@code Day}), else the time the chapter's folder
 *                  or {@code .cbz} was last modified (null only when that cannot be read)
 * @param warnings  what could not be used
 */
record ChapterMetadata(String number, String volume, String title, String language, String scanlator,
                       Instant updatedAt, List<String> warnings) {

    ChapterMetadata {
        warnings = List.copyOf(warnings);
    }

    /** About the bytes it holds, for the cache's bound. */
    long weight() {
        Stream<String> texts = Stream.concat(Stream.of(number, volume, title, language, scanlator), warnings.stream());
        return 160 + 2L * texts.mapToLong(text -> text == null ? 0 : text.length() + 24).sum();
    }
}
