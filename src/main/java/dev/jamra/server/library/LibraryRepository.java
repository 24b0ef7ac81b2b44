package dev.jamra.server.library;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.text.Normalizer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.jamra.server.storage.IsoTime;
import dev.jamra.server.storage.Sql;

/**
 * The SQL of library items. Every method works on the connection it is given, so the service decides what
 * shares a transaction. Values always travel as statement parameters; the only SQL built at run time is made of
 * fixed fragments chosen by enums.
 */
public final class LibraryRepository {
    /** The columns of an item, in the order {@link #item} and {@link StoredItems} read them. */
    private static final String ITEM_COLUMNS =
            "id, manga_id, extension_id, title, cover_url, status, favorite, date_added, last_updated";

    public LibraryRepository() {
    }

    Optional<LibraryItem> find(Connection c, String id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT " + ITEM_COLUMNS + " FROM library_items WHERE id = ?")) {
            select.setString(1, id);
            return Sql.first(select, LibraryRepository::item);
        }
    }

    Optional<LibraryItem> findByManga(Connection c, String mangaId, String extensionId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT " + ITEM_COLUMNS + " FROM library_items WHERE manga_id = ? AND extension_id = ?")) {
            select.setString(1, mangaId);
            select.setString(2, extensionId);
            return Sql.first(select, LibraryRepository::item);
        }
    }

    boolean exists(Connection c, String id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT 1 FROM library_items WHERE id = ?")) {
            select.setString(1, id);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Adds a new item; public for the import of another server's library, which keeps its ids and dates. */
    public void insert(Connection c, LibraryItem item) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO library_items (" + ITEM_COLUMNS + ", title_key) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, item.id());
            insert.setString(2, item.mangaId());
            insert.setString(3, item.extensionId());
            insert.setString(4, item.title());
            Sql.setOptional(insert, 5, item.coverUrl());
            insert.setString(6, item.status().wireName());
            insert.setInt(7, item.favorite() ? 1 : 0);
            insert.setString(8, IsoTime.format(item.dateAdded()));
            insert.setString(9, IsoTime.format(item.lastUpdated()));
            insert.setString(10, fold(item.title()));
            insert.executeUpdate();
        }
    }

    /** Stores the item's status, favorite flag and last update time. */
    void update(Connection c, LibraryItem item) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE library_items SET status = ?, favorite = ?, last_updated = ? WHERE id = ?")) {
            update.setString(1, item.status().wireName());
            update.setInt(2, item.favorite() ? 1 : 0);
            update.setString(3, IsoTime.format(item.lastUpdated()));
            update.setString(4, item.id());
            update.executeUpdate();
        }
    }

    /** Moves the item's last update time forward to {@code at}; false when the item is unknown or already later. */
    boolean touch(Connection c, String id, Instant at) throws SQLException {
        // the stored form (fixed-width ISO-8601 UTC) orders as text in time order
        try (PreparedStatement update = c.prepareStatement(
                "UPDATE library_items SET last_updated = ? WHERE id = ? AND last_updated < ?")) {
            update.setString(1, IsoTime.format(at));
            update.setString(2, id);
            update.setString(3, IsoTime.format(at));
            return update.executeUpdate() > 0;
        }
    }

    /** Deletes the item; its progress rows (and anything else referencing it) cascade. */
    boolean delete(Connection c, String id) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM library_items WHERE id = ?")) {
            delete.setString(1, id);
            return delete.executeUpdate() > 0;
        }
    }

    int count(Connection c, LibraryQuery query) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String where = where(query, parameters);
        try (PreparedStatement select = c.prepareStatement("SELECT COUNT(*) FROM library_items" + where)) {
            bind(select, parameters);
            try (ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    List<LibraryItem> list(Connection c, LibraryQuery query) throws SQLException {
        try (PreparedStatement select = select(c, "", query)) {
            return Sql.all(select, LibraryRepository::item);
        }
    }

    /** The same items as {@link #list}, a row at a time with their JSON, for a listing written as it is read. */
    StoredItems rows(Connection c, LibraryQuery query) throws SQLException {
        return new StoredItems(select(c, StoredItems.COLUMNS, query));
    }

    /** The items {@code query} asks for: the {@code leading} columns, if any, then the item's. */
    private static PreparedStatement select(Connection c, String leading, LibraryQuery query) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        String where = where(query, parameters);
        String direction = query.direction() == SortDirection.ASC ? " ASC" : " DESC";
        String column = switch (query.sort()) {
            case DATE_ADDED -> "date_added";
            case LAST_UPDATED -> "last_updated";
            case TITLE -> "title_key";
        };
        // rowid follows insertion, so ties (same millisecond, same title) keep a stable order
        String sql = "SELECT " + leading + ITEM_COLUMNS + " FROM library_items" + where
                     + " ORDER BY " + column + direction + ", rowid" + direction + " LIMIT ? OFFSET ?";
        parameters.add(query.limit().orElse(-1));  // SQLite: a negative limit is none
        parameters.add(query.offset());
        PreparedStatement select = c.prepareStatement(sql);
        try {
            bind(select, parameters);
            return select;
        } catch (SQLException | RuntimeException e) {
            select.close();
            throw e;
        }
    }

    /** Items with reading progress, the one read most recently first; {@code limit} at most. */
    List<LibraryItem> recentlyRead(Connection c, int offset, int limit) throws SQLException {
        // last_read is stored as fixed-width ISO-8601 UTC, so it orders as text in time order
        try (PreparedStatement select = c.prepareStatement("SELECT " + qualified("i") + " FROM library_items i"
                + " JOIN (SELECT library_id, MAX(last_read) AS read_at FROM reading_progress GROUP BY library_id) r"
                + " ON r.library_id = i.id ORDER BY r.read_at DESC, i.rowid DESC LIMIT ? OFFSET ?")) {
            select.setInt(1, limit);
            select.setInt(2, offset);
            return Sql.all(select, LibraryRepository::item);
        }
    }

    /** How many items have reading progress. */
    int countRead(Connection c) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT COUNT(DISTINCT library_id) FROM reading_progress");
             ResultSet rs = select.executeQuery()) {
            rs.next();
            return rs.getInt(1);
        }
    }

    private static String qualified(String alias) {
        return alias + "." + ITEM_COLUMNS.replace(", ", ", " + alias + ".");
    }

    LibraryStats stats(Connection c) throws SQLException {
        Map<LibraryStatus, Integer> counts = new EnumMap<>(LibraryStatus.class);
        int total = 0;
        try (PreparedStatement select = c.prepareStatement(
                "SELECT status, COUNT(*) FROM library_items GROUP BY status");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                counts.put(status(rs.getString(1)), rs.getInt(2));
                total += rs.getInt(2);
            }
        }
        return new LibraryStats(total, counts);
    }

    private static String where(LibraryQuery query, List<Object> parameters) {
        StringBuilder where = new StringBuilder(" WHERE 1 = 1");
        query.status().ifPresent(status -> {
            where.append(" AND status = ?");
            parameters.add(status.wireName());
        });
        query.favorite().ifPresent(favorite -> {
            where.append(" AND favorite = ?");
            parameters.add(favorite ? 1 : 0);
        });
        query.search().ifPresent(search -> {
            // Both sides folded, so a plain substring test (no LIKE pattern, nothing to escape, no case folding
            // per character) over the title index alone, a small part of the table: the matches, then their rows.
            where.append(" AND rowid IN (SELECT rowid FROM library_items INDEXED BY library_items_title_key"
                         + " WHERE instr(title_key, ?) > 0)");
            parameters.add(fold(search));
        });
        return where.toString();
    }

    /**
     * The form titles are compared in: compatibility-normalized (full-width letters become ordinary ones) and
     * lower-cased for every script, not just ASCII.
     */
    static String fold(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static LibraryItem item(ResultSet rs) throws SQLException {
        return new LibraryItem(rs.getString("id"), rs.getString("manga_id"), rs.getString("extension_id"),
                rs.getString("title"), Optional.ofNullable(rs.getString("cover_url")), status(rs.getString("status")),
                rs.getInt("favorite") == 1, IsoTime.parse(rs.getString("date_added")),
                IsoTime.parse(rs.getString("last_updated")));
    }

    private static LibraryStatus status(String wireName) {
        // the table's CHECK constraint admits only known names
        return LibraryStatus.fromWire(wireName)
                .orElseThrow(() -> new IllegalStateException("Unknown status in the database: " + wireName));
    }

    private static void bind(PreparedStatement statement, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            statement.setObject(i + 1, parameters.get(i));
        }
    }
}
