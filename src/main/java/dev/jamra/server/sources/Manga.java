package dev.jamra.server.sources;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A manga and its chapters in reading order.
 *
 * @param description optional, {@code null} when unknown
 * @param coverUrl    optional, {@code null} when unknown
 * @param language    optional language (a BCP 47 tag such as {@code en}), {@code null} when unknown
 */
public record Manga(String id, String title, String description, String coverUrl, String language,
                    List<Chapter> chapters) {

    public Manga {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        chapters = List.copyOf(chapters);
    }

    /** A manga whose language is not known. */
    public Manga(String id, String title, String description, String coverUrl, List<Chapter> chapters) {
        this(id, title, description, coverUrl, null, chapters);
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
