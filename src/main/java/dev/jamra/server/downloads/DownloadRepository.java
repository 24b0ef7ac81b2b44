package dev.jamra.server.downloads;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import dev.jamra.server.storage.Database;

/**
 * The {@code downloads} and {@code download_pages} tables. Every change the download loop makes is conditional on
 * the download still being {@code downloading}, so a cancel or a removal, committed first, always wins.
 */
final class DownloadRepository {
    private static final String COLUMNS = "id, library_id, manga_id, chapter_id, chapter_number, extension_id, status, "
                                          + "progress, total_pages, error, created_at, started_at, completed_at";
    private static final String PAGE_COLUMNS = "id, download_id, page_number, page_url, file_path, file_size, "
                                               + "downloaded_at";

    private final Database database;

    DownloadRepository(Database database) {
        this.database = database;
    }

    /** A chapter to queue, with its number when known. */
    record ChapterRequest(String chapterId, String chapterNumber) {
    }

    /** Filters of a listing; {@code null} matches everything. */
    record Filter(DownloadStatus status, String libraryId, String extensionId) {
    }

    /**
     * Queues the chapters of a library item in one transaction: a chapter never seen gets a new download, a failed
     * or cancelled one is reset to {@code queued} (same id, pages forgotten), others are skipped.
     *
     * @return the downloads queued now, in request order
     */
    List<Download> enqueue(LibraryItemRef item, List<ChapterRequest> chapters, Instant now) {
        return database.write(connection -> {
            List<String> queued = new ArrayList<>();
            for (ChapterRequest chapter : chapters) {
                Optional<Download> existing = findByChapter(connection, item.id(), chapter.chapterId());
                if (existing.isEmpty()) {
                    queued.add(insert(connection, item, chapter, now));
                } else if (existing.get().status() == DownloadStatus.FAILED
                           || existing.get().status() == DownloadStatus.CANCELLED) {
                    reset(connection, existing.get().id(), chapter.chapterNumber(), now);
                    queued.add(existing.get().id());
                }
            }
            List<Download> result = new ArrayList<>(queued.size());
            for (String id : queued) {
                result.add(find(connection, id).orElseThrow());
            }
            return result;
        });
    }

    /** Marks a queued download {@code downloading}; empty when it is no longer queued. */
    Optional<Download> claim(String id, Instant now) {
        return database.write(connection -> {
            int changed = update(connection, "UPDATE downloads SET status = 'downloading', started_at = ?, error = NULL "
                                             + "WHERE id = ? AND status = 'queued'", Timestamps.format(now), id);
            return changed == 1 ? find(connection, id) : Optional.empty();
        });
    }

    /** Records the page count of a running download, forgetting pages past it; false when it stopped running. */
    boolean setTotalPages(String id, int totalPages) {
        return database.write(connection -> {
            if (update(connection, "UPDATE downloads SET total_pages = ? WHERE id = ? AND status = 'downloading'",
                    totalPages, id) != 1) {
                return false;
            }
            update(connection, "DELETE FROM download_pages WHERE download_id = ? AND page_number > ?", id, totalPages);
            return true;
        });
    }

    /** Records a stored page and the new progress; false when the download stopped running. */
    boolean recordPage(DownloadedPage page, int progress) {
        return database.write(connection -> {
            if (update(connection, "UPDATE downloads SET progress = ? WHERE id = ? AND status = 'downloading'",
                    progress, page.downloadId()) != 1) {
                return false;
            }
            update(connection, "DELETE FROM download_pages WHERE download_id = ? AND page_number = ?",
                    page.downloadId(), page.pageNumber());
            update(connection, "INSERT INTO download_pages (" + PAGE_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                    page.id(), page.downloadId(), page.pageNumber(), page.pageUrl(), page.filePath(), page.fileSize(),
                    Timestamps.format(page.downloadedAt()));
            return true;
        });
    }

    boolean complete(String id, Instant now) {
        return database.write(connection -> update(connection,
                "UPDATE downloads SET status = 'completed', progress = 100, completed_at = ? "
                + "WHERE id = ? AND status = 'downloading'", Timestamps.format(now), id) == 1);
    }

    /** Marks a running download failed and forgets its pages; false when it had stopped running. */
    boolean fail(String id, String error) {
        return database.write(connection -> {
            if (update(connection, "UPDATE downloads SET status = 'failed', error = ? "
                                   + "WHERE id = ? AND status = 'downloading'", error, id) != 1) {
                return false;
            }
            update(connection, "DELETE FROM download_pages WHERE download_id = ?", id);
            return true;
        });
    }

    /**
     * Cancels a queued or running download and forgets its pages, in one transaction.
     *
     * @return the download as it was before, empty when unknown; nothing changed unless its status was active
     */
    Optional<Download> cancel(String id) {
        return database.write(connection -> {
            Optional<Download> before = find(connection, id);
            if (before.isPresent() && before.get().status().active()) {
                update(connection, "UPDATE downloads SET status = 'cancelled' WHERE id = ?", id);
                update(connection, "DELETE FROM download_pages WHERE download_id = ?", id);
            }
            return before;
        });
    }

    /** Deletes every download of a library item; returns their ids. */
    List<String> deleteAllFor(String libraryId) {
        return database.write(connection -> {
            List<String> ids = ids(connection, "SELECT id FROM downloads WHERE library_id = ?", libraryId);
            update(connection, "DELETE FROM downloads WHERE library_id = ?", libraryId);
            return ids;
        });
    }

    /** Puts downloads left running by a stopped server back in the queue; returns every queued id, oldest first. */
    List<String> requeueInterrupted() {
        return database.write(connection -> {
            update(connection, "UPDATE downloads SET status = 'queued' WHERE status = 'downloading'");
            return ids(connection, "SELECT id FROM downloads WHERE status = 'queued' ORDER BY created_at, rowid");
        });
    }

    /** Ids of downloads whose files are kept: queued (maybe half done), running and completed ones. */
    Set<String> idsKeepingFiles() {
        return database.read(connection -> new HashSet<>(ids(connection,
                "SELECT id FROM downloads WHERE status IN ('queued', 'downloading', 'completed')")));
    }

    boolean isRunning(String id) {
        return find(id).map(download -> download.status() == DownloadStatus.DOWNLOADING).orElse(false);
    }

    Optional<Download> find(String id) {
        return database.read(connection -> find(connection, id));
    }

    Optional<Download> findByChapter(String libraryId, String chapterId) {
        return database.read(connection -> findByChapter(connection, libraryId, chapterId));
    }

    List<Download> list(Filter filter) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM downloads WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            parameters.add(filter.status().wire());
        }
        if (filter.libraryId() != null) {
            sql.append(" AND library_id = ?");
            parameters.add(filter.libraryId());
        }
        if (filter.extensionId() != null) {
            sql.append(" AND extension_id = ?");
            parameters.add(filter.extensionId());
        }
        sql.append(" ORDER BY created_at DESC, rowid DESC");
        return database.read(connection -> {
            try (PreparedStatement query = prepare(connection, sql.toString(), parameters.toArray())) {
                List<Download> downloads = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        downloads.add(download(rows));
                    }
                }
                return downloads;
            }
        });
    }

    List<Download> listFor(String libraryId) {
        return list(new Filter(null, libraryId, null));
    }

    /** The stored pages of a download, by page number. */
    List<DownloadedPage> pages(String downloadId) {
        return database.read(connection -> {
            try (PreparedStatement query = prepare(connection, "SELECT " + PAGE_COLUMNS
                    + " FROM download_pages WHERE download_id = ? ORDER BY page_number", downloadId)) {
                List<DownloadedPage> pages = new ArrayList<>();
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        pages.add(new DownloadedPage(rows.getString(1), rows.getString(2), rows.getInt(3),
                                rows.getString(4), rows.getString(5), rows.getLong(6),
                                Timestamps.parse(rows.getString(7))));
                    }
                }
                return pages;
            }
        });
    }

    /** Completed downloads and the bytes of every stored page. */
    DownloadStats stats() {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT (SELECT COUNT(*) FROM downloads WHERE status = 'completed'), "
                    + "(SELECT COALESCE(SUM(file_size), 0) FROM download_pages)");
                 ResultSet row = query.executeQuery()) {
                row.next();
                return new DownloadStats(row.getLong(1), row.getLong(2));
            }
        });
    }

    private static String insert(Connection connection, LibraryItemRef item, ChapterRequest chapter, Instant now)
            throws SQLException {
        String id = UUID.randomUUID().toString();
        update(connection, "INSERT INTO downloads (id, library_id, manga_id, chapter_id, chapter_number, extension_id, "
                           + "status, progress, created_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?)",
                id, item.id(), item.mangaId(), chapter.chapterId(), chapter.chapterNumber(), item.extensionId(),
                Timestamps.format(now));
        return id;
    }

    private static void reset(Connection connection, String id, String chapterNumber, Instant now)
            throws SQLException {
        update(connection, "UPDATE downloads SET status = 'queued', progress = 0, total_pages = NULL, error = NULL, "
                           + "started_at = NULL, completed_at = NULL, created_at = ?, "
                           + "chapter_number = COALESCE(?, chapter_number) WHERE id = ?",
                Timestamps.format(now), chapterNumber, id);
        update(connection, "DELETE FROM download_pages WHERE download_id = ?", id);
    }

    private static Optional<Download> find(Connection connection, String id) throws SQLException {
        return one(connection, "SELECT " + COLUMNS + " FROM downloads WHERE id = ?", id);
    }

    private static Optional<Download> findByChapter(Connection connection, String libraryId, String chapterId)
            throws SQLException {
        return one(connection, "SELECT " + COLUMNS + " FROM downloads WHERE library_id = ? AND chapter_id = ?",
                libraryId, chapterId);
    }

    private static Optional<Download> one(Connection connection, String sql, Object... parameters)
            throws SQLException {
        try (PreparedStatement query = prepare(connection, sql, parameters);
             ResultSet row = query.executeQuery()) {
            return row.next() ? Optional.of(download(row)) : Optional.empty();
        }
    }

    private static List<String> ids(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement query = prepare(connection, sql, parameters);
             ResultSet rows = query.executeQuery()) {
            List<String> ids = new ArrayList<>();
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
            return ids;
        }
    }

    private static int update(Connection connection, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(connection, sql, parameters)) {
            return statement.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection connection, String sql, Object... parameters)
            throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < parameters.length; i++) {
                Object value = parameters[i];
                if (value == null) {
                    statement.setNull(i + 1, Types.VARCHAR);
                } else {
                    statement.setObject(i + 1, value);
                }
            }
            return statement;
        } catch (SQLException | RuntimeException e) {
            statement.close();
            throw e;
        }
    }

    private static Download download(ResultSet row) throws SQLException {
        int totalPages = row.getInt(9);
        Integer total = row.wasNull() ? null : totalPages;
        return new Download(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), DownloadStatus.parse(row.getString(7)).orElseThrow(), row.getInt(8), total,
                row.getString(10), Timestamps.parse(row.getString(11)), Timestamps.parse(row.getString(12)),
                Timestamps.parse(row.getString(13)));
    }
}
