package dev.jamra.server.library;

import java.util.Optional;
import java.util.OptionalInt;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.web.JsonFields;
import dev.jamra.server.web.QueryParams;

import io.helidon.common.parameters.Parameters;

import jakarta.json.JsonObject;

/**
 * Turns query parameters and JSON bodies into the library's requests, rejecting bad input with a 400 that names
 * the field. An empty query parameter ({@code ?status=}) counts as not given.
 */
final class LibraryRequests {
    /** Longer searches are refused: no title is that long, and SQLite caps LIKE patterns. */
    static final int MAX_SEARCH_LENGTH = 200;
    /**
     * The longest values of the free-text fields: what is stored is broadcast to every client and kept for those
     * that resume, so no field may take what the body cap allows.
     */
    static final int MAX_ID_LENGTH = 512;
    static final int MAX_TITLE_LENGTH = 1000;
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_CHAPTER_NUMBER_LENGTH = 64;

    private LibraryRequests() {
    }

    static LibraryQuery query(Parameters params) {
        Optional<LibraryStatus> status = QueryParams.optional(params, "status").map(value -> status(value, "status"));
        Optional<Boolean> favorite = QueryParams.optional(params, "favorite").map(value -> switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw ServiceException.Invalid.field("favorite", "favorite must be true or false");
        });
        Optional<String> search = QueryParams.optional(params, "search");
        if (search.isPresent() && search.get().length() > MAX_SEARCH_LENGTH) {
            throw ServiceException.Invalid.field("search",
                    "search must be at most " + MAX_SEARCH_LENGTH + " characters");
        }
        LibrarySort sort = QueryParams.optional(params, "sort")
                .map(value -> LibrarySort.fromWire(value).orElseThrow(() -> ServiceException.Invalid.field("sort",
                        "sort must be one of dateAdded, lastUpdated, title")))
                .orElse(LibrarySort.LAST_UPDATED);
        SortDirection direction = QueryParams.optional(params, "direction")
                .map(value -> SortDirection.fromWire(value).orElseThrow(() -> ServiceException.Invalid.field(
                        "direction", "direction must be asc or desc")))
                .orElse(sort.defaultDirection());
        // no limit: every matching item; a limit above the maximum is served as the maximum, and the answer says so
        OptionalInt limit = QueryParams.whole(params, "limit")
                .map(value -> OptionalInt.of((int) Math.min(value, LibraryQuery.MAX_LIMIT)))
                .orElse(OptionalInt.empty());
        return new LibraryQuery(status, favorite, search, sort, direction, limit, QueryParams.offset(params));
    }

    static NewLibraryItem newItem(JsonObject body) {
        return new NewLibraryItem(
                JsonFields.requiredString(body, "mangaId", MAX_ID_LENGTH),
                JsonFields.requiredString(body, "extensionId", MAX_ID_LENGTH),
                JsonFields.requiredString(body, "title", MAX_TITLE_LENGTH),
                status(JsonFields.requiredString(body, "status"), "status"),
                JsonFields.optionalString(body, "coverUrl", MAX_URL_LENGTH).filter(url -> !url.isBlank()));
    }

    static LibraryUpdate update(JsonObject body) {
        LibraryUpdate update = new LibraryUpdate(
                JsonFields.optionalString(body, "status").map(value -> status(value, "status")),
                JsonFields.optionalBoolean(body, "favorite"));
        if (update.status().isEmpty() && update.favorite().isEmpty()) {
            throw new ServiceException.Invalid("Give status and/or favorite to update");
        }
        return update;
    }

    static ProgressUpdate progress(JsonObject body) {
        return new ProgressUpdate(
                JsonFields.requiredString(body, "chapterId", MAX_ID_LENGTH),
                JsonFields.optionalLabel(body, "chapterNumber", MAX_CHAPTER_NUMBER_LENGTH)
                        .filter(number -> !number.isBlank()),
                JsonFields.requiredInt(body, "pageNumber"),
                JsonFields.optionalInt(body, "totalPages"));
    }

    private static LibraryStatus status(String value, String field) {
        return LibraryStatus.fromWire(value).orElseThrow(() -> ServiceException.Invalid.field(field,
                field + " must be one of " + LibraryStatus.CHOICES));
    }
}
