package dev.jamra.server.sources.local;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.IllformedLocaleException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * What a {@code ComicInfo.xml} says, in the Anansi project's schema v2.0 (github.com/anansi-project/comicinfo,
 * {@code schema/v2.0/ComicInfo.xsd}) with {@code Translator} and {@code Tags} of its v2.1 draft, and Mihon's
 * {@code PublishingStatusTachiyomi} (the element Mihon writes a series' status in, in a namespace of its own). Text
 * elements are trimmed, empty ones absent; numbers at the schema's default of -1 are absent. Values a reader could
 * not use (a volume that is no number, a date that does not exist, a language that is no BCP 47 tag) are dropped
 * by {@link ComicInfoXml} with a warning, so what is here is valid.
 *
 * @param number   the chapter's number as written ({@code 12.5})
 * @param volume   a whole number, 0 or more
 * @param released the release date from {@code Year}, {@code Month} and {@code Day} (month and day default to 1,
 *                 as Komga reads them), midnight UTC
 * @param language a BCP 47 tag, as {@link Locale#toLanguageTag()} writes it
 * @param manga    the {@code Manga} element: {@code Yes}, {@code No}, {@code YesAndRightToLeft} or {@code Unknown}
 */
record ComicInfo(String title, String series, String number, Integer volume, String summary, Instant released,
                 String writer, List<String> artists, String translator, String genre, String tags,
                 String language, String manga, String publishingStatus) {

    ComicInfo {
        artists = List.copyOf(artists);
    }

    /** The element names of the people {@link #artists()} are read from, in order, as Mihon reads them. */
    static final List<String> ARTIST_ELEMENTS = List.of("Penciller", "Inker", "Colorist", "Letterer", "CoverArtist");

    /** Mihon's publishing statuses ({@code ComicInfoPublishingStatus}) and the renderer's names for them. */
    private static final Map<String, String> STATUSES = Map.of(
            "Ongoing", "ongoing",
            "Completed", "completed",
            "Publishing finished", "completed",
            "Cancelled", "cancelled",
            "On hiatus", "hiatus");

    /** The writers; creators are comma-separated, as the schema's documentation accepts. */
    List<String> authors() {
        return names(writer);
    }

    /** Pencillers, inkers, colorists, letterers and cover artists, each once. */
    List<String> artistNames() {
        List<String> all = new ArrayList<>();
        artists.forEach(value -> all.addAll(names(value)));
        return List.copyOf(new LinkedHashSet<>(all));
    }

    /** Genres, then tags, each once. */
    List<String> genres() {
        Set<String> all = new LinkedHashSet<>(names(genre));
        all.addAll(names(tags));
        return List.copyOf(all);
    }

    /** The renderer's status for Mihon's, if it has one ({@code Licensed} and {@code Unknown} have none). */
    Optional<String> status() {
        return Optional.ofNullable(publishingStatus).map(STATUSES::get);
    }

    /**
     * {@code rtl} for {@code YesAndRightToLeft}, {@code ltr} for {@code No}; nothing for {@code Yes} (a manga,
     * perhaps already flipped) or {@code Unknown}. As Komga reads it.
     */
    Optional<String> readingDirection() {
        if ("YesAndRightToLeft".equals(manga)) {
            return Optional.of("rtl");
        }
        return "No".equals(manga) ? Optional.of("ltr") : Optional.empty();
    }

    /** The comma-separated values of {@code text}, trimmed, without empty ones or repeats. */
    static List<String> names(String text) {
        if (text == null) {
            return List.of();
        }
        Set<String> names = new LinkedHashSet<>();
        for (String name : text.split(",")) {
            String trimmed = name.strip();
            if (!trimmed.isEmpty()) {
                names.add(trimmed);
            }
        }
        return List.copyOf(names);
    }

    /** {@code tag} as a well-formed BCP 47 language tag ({@code en_US} read as {@code en-US}), if it is one. */
    static Optional<String> languageTag(String tag) {
        try {
            Locale locale = new Locale.Builder().setLanguageTag(tag.replace('_', '-')).build();
            return locale.getLanguage().isEmpty() ? Optional.empty() : Optional.of(locale.toLanguageTag());
        } catch (IllformedLocaleException e) {
            return Optional.empty();
        }
    }

    /**
     * The release date of a year, month and day (each null when absent); {@code problem} hears why there is none
     * when they do not make a date.
     */
    static Optional<Instant> releaseDate(Integer year, Integer month, Integer day, Consumer<String> problem) {
        if (year == null) {
            return Optional.empty();
        }
        try {
            if (year < 1 || year > 9999) {
                throw new DateTimeException("year out of range");
            }
            LocalDate date = LocalDate.of(year, month == null ? 1 : month, day == null ? 1 : day);
            return Optional.of(date.atStartOfDay(ZoneOffset.UTC).toInstant());
        } catch (DateTimeException e) {
            problem.accept("has a Year, Month and Day that make no date: " + year + "-" + (month == null ? "" : month)
                           + "-" + (day == null ? "" : day));
            return Optional.empty();
        }
    }
}
