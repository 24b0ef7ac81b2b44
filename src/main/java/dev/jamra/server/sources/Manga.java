package dev.jamra.server.sources;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A manga and its chapters in reading order.
 *
 * @param description      optional, {@code null} when unknown
 * @param coverUrl         optional, {@code null} when unknown
 * @param language         optional language (a BCP 47 tag such as {@code en}), {@code null} when unknown
 * @param status           optional publication status ({@code ongoing}, {@code completed}...), {@code null} when
 *                         unknown
 * @param authors          writers, empty when unknown
 * @param artists          artists, empty when unknown
 * @param tags             genres and themes, empty when unknown
 * @param alternateTitles  its other titles (other languages, other spellings), empty when unknown
 * @param readingDirection optional {@code rtl} or {@code ltr} when the source says how the pages are read,
 *                         {@code null} when it does not
 * @param warnings         what the source could not read about this manga, in sentences for people (a damaged
 *                         metadata file, a cover that is not an image); empty when all went well
 */
public record Manga(String id, String title, String description, String coverUrl, String language,
                    List<Chapter> chapters, String status, List<String> authors, List<String> artists,
                    List<String> tags, List<String> alternateTitles, String readingDirection, List<String> warnings) {

    public Manga {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        chapters = List.copyOf(chapters);
        authors = List.copyOf(authors);
        artists = List.copyOf(artists);
        tags = List.copyOf(tags);
        alternateTitles = List.copyOf(alternateTitles);
        warnings = List.copyOf(warnings);
    }

    /** A manga whose source says nothing of its reading direction and had nothing to warn about. */
    public Manga(String id, String title, String description, String coverUrl, String language,
                 List<Chapter> chapters, String status, List<String> authors, List<String> artists,
                 List<String> tags, List<String> alternateTitles) {
        this(id, title, description, coverUrl, language, chapters, status, authors, artists, tags, alternateTitles,
                null, List.of());
    }

    /** A manga its source knows no other titles of. */
    public Manga(String id, String title, String description, String coverUrl, String language,
                 List<Chapter> chapters, String status, List<String> authors, List<String> artists,
                 List<String> tags) {
        this(id, title, description, coverUrl, language, chapters, status, authors, artists, tags, List.of());
    }

    /** A manga its source knows no language, status, people, tags or other titles of. */
    public Manga(String id, String title, String description, String coverUrl, List<Chapter> chapters) {
        this(id, title, description, coverUrl, null, chapters, null, List.of(), List.of(), List.of());
    }

    /** The position of a chapter in reading order, if the manga has it. */
    public Optional<Integer> indexOf(String chapterId) {
        for (int i = 0; i < chapters.size(); i++) {
            if (chapters.get(i).id().equals(chapterId)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }
}
