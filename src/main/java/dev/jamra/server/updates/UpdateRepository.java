package dev.jamra.server.updates;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.jamra.server.library.NewChapterCounts;
import dev.jamra.server.sources.Chapter;
import dev.jamra.server.storage.IsoTime;
import dev.jamra.server.storage.Sql;

/**
 * The SQL of library updates (migration {@code V4__library_updates.sql}): the chapters each item's checks saw, the
 * chapters they found new, the last check's state and errors. Every method works on the connection it is given,
 * so the caller decides what shares a transaction. It counts the library's new chapters for it
 * ({@link NewChapterCounts}).
 */
public final class UpdateRepository implements NewChapterCounts {
    private static final String FEED_COLUMNS = "n.library_id, i.manga_id, i.extension_id, i.title, n.chapter_id, "
            + "n.chapter_number, n.chapter_title, n.found_at, n.opened_at IS NULL";

    public UpdateRepository() {
    }

    /** The chapters of an item found new and not opened since. */
    @Override
    public int newChapterCount(Connection c, String libraryId) throws SQLException {
        return Sql.first(c, "SELECT COUNT(*) FROM library_new_chapters WHERE library_id = ? AND opened_at IS NULL",
                rs -> rs.getInt(1), libraryId).orElse(0);
    }

    /** Those counts of every item that has any, read from the index of unopened chapters. */
    @Override
    public Map<String, Integer> newChapterCounts(Connection c) throws SQLException {
        Map<String, Integer> counts = new HashMap<>();
        try (PreparedStatement select = c.prepareStatement("SELECT library_id, COUNT(*) FROM library_new_chapters "
                + "WHERE opened_at IS NULL GROUP BY library_id");
             ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getInt(2));
            }
        }
        return counts;
    }

    /**
     * Records the chapters a check of an item saw at {@code now} and returns those it had not seen before, in the
     * source's order. At the item's first check they are only recorded: none is new. New ones join the feed; one
     * already read (it has reading progress) counts as opened. Nothing is stored for an item removed meanwhile.
     */
    List<Chapter> record(Connection c, String libraryId, List<Chapter> chapters, Instant now) throws SQLException {
        if (!exists(c, "SELECT 1 FROM library_items WHERE id = ?", libraryId)) {
            return List.of();
        }
        boolean firstCheck = !exists(c, "SELECT 1 FROM library_update_items WHERE library_id = ?", libraryId);
        Set<String> seen = new HashSet<>(Sql.all(c, "SELECT chapter_id FROM library_known_chapters "
                                                    + "WHERE library_id = ?", rs -> rs.getString(1), libraryId));
        List<Chapter> unseen = new ArrayList<>();
        for (Chapter chapter : chapters) {
            if (seen.add(chapter.id())) {
                unseen.add(chapter);
            }
        }
        String at = IsoTime.format(now);
        if (!unseen.isEmpty()) {
            try (PreparedStatement known = c.prepareStatement(
                    "INSERT INTO library_known_chapters (library_id, chapter_id) VALUES (?, ?)")) {
                for (Chapter chapter : unseen) {
                    known.setString(1, libraryId);
                    known.setString(2, chapter.id());
                    known.addBatch();
                }
                known.executeBatch();
            }
        }
        if (!firstCheck && !unseen.isEmpty()) {
            try (PreparedStatement found = c.prepareStatement("""
                    INSERT INTO library_new_chapters (library_id, chapter_id, chapter_number, chapter_title, found_at,
                                                      opened_at)
                    VALUES (?, ?, ?, ?, ?,
                            (SELECT ? FROM reading_progress WHERE library_id = ? AND chapter_id = ?))
                    ON CONFLICT (library_id, chapter_id) DO NOTHING""")) {
                for (Chapter chapter : unseen) {
                    found.setString(1, libraryId);
                    found.setString(2, chapter.id());
                    found.setString(3, chapter.number());
                    Sql.setOptional(found, 4, Optional.ofNullable(chapter.title()));
                    found.setString(5, at);
                    found.setString(6, at);
                    found.setString(7, libraryId);
                    found.setString(8, chapter.id());
                    found.addBatch();
                }
                found.executeBatch();
            }
        }
        Sql.update(c, "INSERT INTO library_update_items (library_id, checked_at) VALUES (?, ?) "
                      + "ON CONFLICT (library_id) DO UPDATE SET checked_at = excluded.checked_at", libraryId, at);
        return firstCheck ? List.of() : unseen;
    }

    /** Whether the chapter is in the feed and counts as new. */
    boolean isNew(Connection c, String libraryId, String chapterId) throws SQLException {
        return exists(c, "SELECT 1 FROM library_new_chapters WHERE library_id = ? AND chapter_id = ? "
                         + "AND opened_at IS NULL", libraryId, chapterId);
    }

    /** Whether {@code query} finds a row. */
    private static boolean exists(Connection c, String query, Object... parameters) throws SQLException {
        return Sql.first(c, "SELECT EXISTS (" + query + ")", rs -> rs.getInt(1) == 1, parameters).orElseThrow();
    }

    /** Marks a new chapter opened at {@code now}; false when it was not new (any more). */
    boolean markOpened(Connection c, String libraryId, String chapterId, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE library_new_chapters SET opened_at = ? WHERE library_id = ? AND chapter_id = ? "
                             + "AND opened_at IS NULL", IsoTime.format(now), libraryId, chapterId) > 0;
    }

    /** A page of the feed, the latest found first. */
    List<FeedEntry> feed(Connection c, int limit, int offset) throws SQLException {
        return Sql.all(c, "SELECT " + FEED_COLUMNS + " FROM library_new_chapters n "
                          + "JOIN library_items i ON i.id = n.library_id ORDER BY n.id DESC LIMIT ? OFFSET ?",
                UpdateRepository::feedEntry, limit, offset);
    }

    int feedSize(Connection c) throws SQLException {
        return Sql.first(c, "SELECT COUNT(*) FROM library_new_chapters", rs -> rs.getInt(1)).orElse(0);
    }

    /** A check of {@code total} items starts at {@code now}: the last one's state and errors are replaced. */
    void startCheck(Connection c, int total, Instant now) throws SQLException {
        Sql.update(c, "DELETE FROM library_update_errors");
        Sql.update(c, """
                INSERT INTO library_update_check (id, running, checked, total, started_at, finished_at)
                VALUES (1, 1, 0, ?, ?, NULL)
                ON CONFLICT (id) DO UPDATE SET running = 1, checked = 0, total = excluded.total,
                                               started_at = excluded.started_at, finished_at = NULL""",
                total, IsoTime.format(now));
    }

    /** One more item of the running check is done; {@code error} when it could not be checked. */
    void itemChecked(Connection c, Optional<CheckError> error) throws SQLException {
        if (error.isPresent()) {
            // not for an item removed meanwhile: its rows are gone, and its error with them
            Sql.update(c, "INSERT INTO library_update_errors (position, library_id, title, message) "
                          + "SELECT checked, ?, ?, ? FROM library_update_check WHERE id = 1 "
                          + "AND EXISTS (SELECT 1 FROM library_items WHERE id = ?)",
                    error.get().libraryId(), error.get().title(), error.get().message(), error.get().libraryId());
        }
        Sql.update(c, "UPDATE library_update_check SET checked = checked + 1 WHERE id = 1 AND running = 1");
    }

    /** The running check, if any, ended at {@code now}; false when none was running. */
    boolean finishCheck(Connection c, Instant now) throws SQLException {
        return Sql.update(c, "UPDATE library_update_check SET running = 0, finished_at = ? WHERE id = 1 "
                             + "AND running = 1", IsoTime.format(now)) > 0;
    }

    /** The last check's state; {@link CheckStatus#NEVER} before the first. */
    CheckStatus status(Connection c) throws SQLException {
        List<CheckError> errors = Sql.all(c, "SELECT library_id, title, message FROM library_update_errors "
                                             + "ORDER BY position",
                rs -> new CheckError(rs.getString(1), rs.getString(2), rs.getString(3)));
        return Sql.first(c, "SELECT running, checked, total, started_at, finished_at FROM library_update_check "
                            + "WHERE id = 1",
                rs -> new CheckStatus(rs.getInt(1) == 1, rs.getInt(2), rs.getInt(3),
                        Optional.of(IsoTime.parse(rs.getString(4))),
                        Optional.ofNullable(rs.getString(5)).map(IsoTime::parse), errors))
                .orElse(CheckStatus.NEVER);
    }

    private static FeedEntry feedEntry(ResultSet rs) throws SQLException {
        return new FeedEntry(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), Optional.ofNullable(rs.getString(7)), IsoTime.parse(rs.getString(8)),
                rs.getInt(9) == 1);
    }
}
