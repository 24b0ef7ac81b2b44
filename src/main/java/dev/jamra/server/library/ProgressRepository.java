package dev.jamra.server.library;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.jamra.server.storage.IsoTime;
import dev.jamra.server.storage.Sql;

/**
 * The SQL of reading progress: one row per chapter of a library item, deleted with the item by the foreign key.
 * Every method works on the connection it is given, so the service decides what shares a transaction.
 */
public final class ProgressRepository {
    private static final String COLUMNS =
            "id, library_id, chapter_id, chapter_number, page_number, total_pages, last_read, completed";
    /** The same of the progress rows joined as {@code p}, under the same names. */
    private static final String LATEST_COLUMNS = Arrays.stream(COLUMNS.split(", "))
            .map(column -> "p." + column + " AS " + column)
            .collect(Collectors.joining(", "));

    public ProgressRepository() {
    }

    /** The item's progress rows, the most recently read first. */
    List<ReadingProgress> all(Connection c, String libraryId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                + " FROM reading_progress WHERE library_id = ? ORDER BY read_order DESC")) {
            select.setString(1, libraryId);
            return Sql.all(select, ProgressRepository::progress);
        }
    }

    Optional<ReadingProgress> find(Connection c, String libraryId, String chapterId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS
                + " FROM reading_progress WHERE library_id = ? AND chapter_id = ?")) {
            select.setString(1, libraryId);
            select.setString(2, chapterId);
            return Sql.first(select, ProgressRepository::progress);
        }
    }

    /**
     * The item's most recently read chapter, and whether the item exists, in one statement: empty when there is no
     * such item, an empty {@link Latest} when nothing of it was read yet.
     */
    Optional<Latest> latest(Connection c, String libraryId) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + LATEST_COLUMNS
                + " FROM library_items i LEFT JOIN reading_progress p ON p.library_id = i.id"
                + " WHERE i.id = ? ORDER BY p.read_order DESC LIMIT 1")) {
            select.setString(1, libraryId);
            return Sql.first(select, rs -> new Latest(rs.getString("id") == null
                    ? Optional.empty() : Optional.of(progress(rs))));
        }
    }

    /** An existing item's most recently read chapter, if any. */
    record Latest(Optional<ReadingProgress> progress) {
    }

    /**
     * Inserts the row, or replaces the one of the same chapter (keeping its id); either way it becomes the item's
     * most recent read, even when the clock did not move since the previous one.
     */
    void save(Connection c, ReadingProgress progress) throws SQLException {
        try (PreparedStatement upsert = c.prepareStatement("""
                INSERT INTO reading_progress (id, library_id, chapter_id, chapter_number, page_number, total_pages,
                                              last_read, completed, read_order)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?,
                        (SELECT COALESCE(MAX(read_order), 0) + 1 FROM reading_progress WHERE library_id = ?))
                ON CONFLICT (library_id, chapter_id) DO UPDATE SET
                    chapter_number = excluded.chapter_number,
                    page_number = excluded.page_number,
                    total_pages = excluded.total_pages,
                    last_read = excluded.last_read,
                    completed = excluded.completed,
                    read_order = excluded.read_order""")) {
            upsert.setString(1, progress.id());
            upsert.setString(2, progress.libraryId());
            upsert.setString(3, progress.chapterId());
            Sql.setOptional(upsert, 4, progress.chapterNumber());
            upsert.setInt(5, progress.pageNumber());
            Sql.setOptionalInt(upsert, 6, progress.totalPages());
            upsert.setString(7, IsoTime.format(progress.lastRead()));
            upsert.setInt(8, progress.completed() ? 1 : 0);
            upsert.setString(9, progress.libraryId());
            upsert.executeUpdate();
        }
    }

    private static ReadingProgress progress(ResultSet rs) throws SQLException {
        return new ReadingProgress(rs.getString("id"), rs.getString("library_id"), rs.getString("chapter_id"),
                Optional.ofNullable(rs.getString("chapter_number")), rs.getInt("page_number"),
                Sql.optionalInt(rs, "total_pages"), IsoTime.parse(rs.getString("last_read")),
                rs.getInt("completed") == 1);
    }
}
