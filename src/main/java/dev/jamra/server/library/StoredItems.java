package dev.jamra.server.library;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Library items as stored, a row at a time, for a listing written as it is read: most of each row's JSON as SQLite
 * writes it ({@link #COLUMNS}), so that no object and no per-character work in Java is needed per item, and its raw
 * columns (UTF-8 bytes, undecoded) for the rows SQLite's JSON cannot be taken as it is (see {@link PageJson}).
 * Closing it closes the statement.
 *
 * <p>SQLite's {@code json_quote} escapes as Helidon's JSON-P writer does ({@code "} and {@code \} with a backslash,
 * the control characters as {@code \b \t \n \f \r} or {@code \}{@code u00xx}, lower-case) and copies every other
 * byte, so for text that is UTF-8 the two write the same bytes.
 */
final class StoredItems implements AutoCloseable {
    /**
     * What a listing selects: the item's JSON up to its title and stored cover; its status and favorite flag as JSON
     * members; its two dates as stored, one after the other; whether it has no stored cover; then
     * {@code LibraryRepository}'s item columns.
     */
    static final String COLUMNS = "'{\"id\":' || json_quote(id) || ',\"mangaId\":' || json_quote(manga_id)"
            + " || ',\"extensionId\":' || json_quote(extension_id) || ',\"title\":' || json_quote(title)"
            + " || CASE WHEN cover_url IS NULL THEN '' ELSE ',\"coverUrl\":' || json_quote(cover_url) END,"
            + " ',\"status\":' || json_quote(status)"
            + " || CASE WHEN favorite = 1 THEN ',\"favorite\":true' ELSE ',\"favorite\":false' END,"
            + " date_added || last_updated, cover_url IS NULL, ";
    /** Where {@code LibraryRepository}'s item columns begin, counted from 1. */
    private static final int ITEM = 5;

    private final PreparedStatement statement;
    private final ResultSet rows;

    StoredItems(PreparedStatement statement) throws SQLException {
        this.statement = statement;
        try {
            this.rows = statement.executeQuery();
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    /** Moves to the next item; false after the last. */
    boolean next() throws SQLException {
        return rows.next();
    }

    /** The item's JSON from its opening brace to its title, and its stored cover when it has one. */
    byte[] head() throws SQLException {
        return rows.getBytes(1);
    }

    /** The item's status and favorite flag as JSON members. */
    byte[] statusAndFavorite() throws SQLException {
        return rows.getBytes(2);
    }

    /** The item's {@code dateAdded} and {@code lastUpdated} as stored, one after the other. */
    byte[] dates() throws SQLException {
        return rows.getBytes(3);
    }

    /** Whether the item has no stored cover. */
    boolean coverless() throws SQLException {
        return rows.getInt(4) == 1;
    }

    byte[] id() throws SQLException {
        return rows.getBytes(ITEM);
    }

    byte[] mangaId() throws SQLException {
        return rows.getBytes(ITEM + 1);
    }

    byte[] extensionId() throws SQLException {
        return rows.getBytes(ITEM + 2);
    }

    byte[] title() throws SQLException {
        return rows.getBytes(ITEM + 3);
    }

    /** The stored cover URL, {@code null} when the item has none. */
    byte[] coverUrl() throws SQLException {
        return rows.getBytes(ITEM + 4);
    }

    byte[] status() throws SQLException {
        return rows.getBytes(ITEM + 5);
    }

    boolean favorite() throws SQLException {
        return rows.getInt(ITEM + 6) == 1;
    }

    byte[] dateAdded() throws SQLException {
        return rows.getBytes(ITEM + 7);
    }

    byte[] lastUpdated() throws SQLException {
        return rows.getBytes(ITEM + 8);
    }

    @Override
    public void close() throws SQLException {
        try {
            rows.close();
        } finally {
            statement.close();
        }
    }
}
