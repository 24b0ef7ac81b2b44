package dev.jamra.server.library;

import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

import dev.jamra.server.storage.IsoTime;
import dev.jamra.server.web.JsonBytes;

import static dev.jamra.server.web.JsonBytes.ascii;

/**
 * A page of the library (docs/API.md) written as JSON straight from its stored rows, with no object per item: the
 * same bytes as {@code LibraryJson.item} makes for each item and as an object of {@code items}, {@code total},
 * {@code limit} (when asked) and {@code offset}. An item's JSON is SQLite's ({@link StoredItems}), taken as it is
 * when its text is well-formed UTF-8 and its dates are in the form the API shows (always, when this server wrote
 * them); otherwise it is written here from its columns, as {@code LibraryJson.item} would. An item stored without a
 * cover gets its source's own, if it has one ({@link DefaultCovers}), as the client reached the server at
 * {@code serverBase}.
 */
final class PageJson {
    private static final byte[] OPEN = ascii("{\"items\":[");
    private static final byte[] COMMA = ascii(",");
    private static final byte[] ID = ascii("{\"id\":");
    private static final byte[] MANGA_ID = ascii(",\"mangaId\":");
    private static final byte[] EXTENSION_ID = ascii(",\"extensionId\":");
    private static final byte[] TITLE = ascii(",\"title\":");
    private static final byte[] COVER_URL = ascii(",\"coverUrl\":");
    private static final byte[] FAVORITE = ascii(",\"favorite\":true");
    private static final byte[] NOT_FAVORITE = ascii(",\"favorite\":false");
    private static final byte[] DATE_ADDED = ascii(",\"dateAdded\":");
    private static final byte[] LAST_UPDATED = ascii(",\"lastUpdated\":");
    private static final byte[] NEW_CHAPTERS = ascii(",\"newChapters\":");
    private static final byte[] QUOTE = ascii("\"");
    private static final byte[] ITEM_END = ascii("}");
    private static final byte[] TOTAL = ascii("],\"total\":");
    private static final byte[] LIMIT = ascii(",\"limit\":");
    private static final byte[] OFFSET = ascii(",\"offset\":");
    /** Each status as stored, and its member as written. */
    private static final byte[][] STORED_STATUS = new byte[LibraryStatus.values().length][];
    private static final byte[][] STATUS = new byte[LibraryStatus.values().length][];

    static {
        for (LibraryStatus status : LibraryStatus.values()) {
            STORED_STATUS[status.ordinal()] = ascii(status.wireName());
            STATUS[status.ordinal()] = ascii(",\"status\":\"" + status.wireName() + "\"");
        }
    }

    private final JsonBytes json;
    private final DefaultCovers covers;
    private final String serverBase;

    PageJson(JsonBytes json, DefaultCovers covers, String serverBase) {
        this.json = json;
        this.covers = covers;
        this.serverBase = serverBase;
    }

    /** Opens the page and writes every item of {@code rows}; returns how many there were. */
    int items(StoredItems rows, Map<String, Integer> newChapters) throws SQLException {
        json.raw(OPEN);
        int count = 0;
        while (rows.next()) {
            item(rows, newChapters, count == 0);
            count++;
        }
        return count;
    }

    /** Closes the page, after its items. */
    void end(int total, OptionalInt limit, int offset) {
        json.raw(TOTAL).number(total);
        if (limit.isPresent()) {
            json.raw(LIMIT).number(limit.getAsInt());
        }
        json.raw(OFFSET).number(offset).raw(ITEM_END);
    }

    private void item(StoredItems row, Map<String, Integer> newChapters, boolean first) throws SQLException {
        if (!first) {
            json.raw(COMMA);
        }
        byte[] dates = row.dates();
        if (!asShown(dates) || !json.rawUtf8(row.head())) {
            itemFromColumns(row);
        } else {
            if (row.coverless()) {
                defaultCover(row.extensionId(), row.mangaId());
            }
            json.raw(row.statusAndFavorite())
                    .raw(DATE_ADDED).raw(QUOTE).raw(dates, 0, IsoTime.LENGTH).raw(QUOTE)
                    .raw(LAST_UPDATED).raw(QUOTE).raw(dates, IsoTime.LENGTH, IsoTime.LENGTH).raw(QUOTE)
                    .raw(NEW_CHAPTERS);
        }
        int count = newChapters.isEmpty() ? 0 : newChapters.getOrDefault(text(row.id()), 0);
        json.number(count).raw(ITEM_END);
    }

    /** The item up to {@code "newChapters":}, from its columns: when SQLite's JSON of it cannot be sent as it is. */
    private void itemFromColumns(StoredItems row) throws SQLException {
        byte[] mangaId = row.mangaId();
        byte[] extensionId = row.extensionId();
        json.raw(ID).string(row.id())
                .raw(MANGA_ID).string(mangaId)
                .raw(EXTENSION_ID).string(extensionId)
                .raw(TITLE).string(row.title());
        byte[] cover = row.coverUrl();
        if (cover != null) {
            json.raw(COVER_URL).string(cover);
        } else {
            defaultCover(extensionId, mangaId);
        }
        json.raw(STATUS[status(row.status()).ordinal()])
                .raw(row.favorite() ? FAVORITE : NOT_FAVORITE)
                .raw(DATE_ADDED);
        date(row.dateAdded());
        json.raw(LAST_UPDATED);
        date(row.lastUpdated());
        json.raw(NEW_CHAPTERS);
    }

    private void defaultCover(byte[] extensionId, byte[] mangaId) {
        Optional<String> served = covers.coverUrl(text(extensionId), text(mangaId), serverBase);
        if (served.isPresent()) {
            json.raw(COVER_URL).string(served.get());
        }
    }

    /** Whether both stored dates are in the API's form, so that they can be sent as they are. */
    private static boolean asShown(byte[] dates) {
        return dates.length == 2 * IsoTime.LENGTH && IsoTime.isFormatted(dates, 0)
               && IsoTime.isFormatted(dates, IsoTime.LENGTH);
    }

    /** A date as {@code LibraryJson.item} writes it: read, then written in the API's form. */
    private void date(byte[] stored) {
        json.string(IsoTime.format(IsoTime.parse(text(stored))));
    }

    private static LibraryStatus status(byte[] stored) {
        for (LibraryStatus status : LibraryStatus.values()) {
            if (Arrays.equals(stored, STORED_STATUS[status.ordinal()])) {
                return status;
            }
        }
        // the table's CHECK constraint admits only known names
        throw new IllegalStateException("Unknown status in the database: " + text(stored));
    }

    private static String text(byte[] utf8) {
        return new String(utf8, StandardCharsets.UTF_8);
    }
}
