package dev.jamra.server.downloads;

import java.sql.Connection;
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
import java.util.function.BiPredicate;
import java.util.UUID;

import dev.jamra.server.errors.ServiceException;
import dev.jamra.server.storage.IsoTime;
import dev.jamra.server.storage.Sql;

/**
 * The {@code downloads} table, and its pages through {@link DownloadPageRepository} in the same transactions. Every
 * method works on the connection it is given, so the service decides what shares a transaction. Every change the
 * download loop makes is conditional on the download still being {@code downloading}, so a cancel or a removal,
 * committed first, always wins.
 */
final class DownloadRepository {
    private static final String COLUMNS = "id, library_id, manga_id, chapter_id, chapter_number, extension_id, status, "
                                          + "progress, total_pages, error, created_at, started_at, completed_at";

    private final DownloadPageRepository pages = new DownloadPageRepository();

    /** A chapter to queue, with its number when known. */
    record ChapterRequest(String chapterId, String chapterNumber) {
    }

    /** Filters of a listing; {@code null} matches everything. */
    record Filter(DownloadStatus status, String libraryId, String extensionId) {
    }

    /**
     * Queues the chapters of a library item: a chapter never seen gets a new download, a failed or cancelled one
     * is reset to {@code queued} (same id, pages forgotten), a completed one whose stored pages are not
     * {@code intact} is queued to fetch again what is missing (pages kept), others are skipped.
     *
     * @throws ServiceException.Invalid when the library item is no longer there
     * @return the downloads queued now, in request order
     */
    List<Download> enqueue(Connection connection, LibraryItemRef item, List<ChapterRequest> chapters, Instant now,
                           BiPredicate<Download, List<DownloadedPage>> intact) throws SQLException {
        if (Sql.first(connection, "SELECT 1 FROM library_items WHERE id = ?", row -> true, item.id()).isEmpty()) {
            // removed since the caller looked it up: its downloads could not be stored
            throw ServiceException.Invalid.field("libraryId", "Unknown library item " + item.id());
        }
        List<String> queued = new ArrayList<>();
        for (ChapterRequest chapter : chapters) {
            Optional<Download> existing = findByChapter(connection, item.id(), chapter.chapterId());
            if (existing.isEmpty()) {
                queued.add(insert(connection, item, chapter, now));
            } else if (existing.get().status() == DownloadStatus.FAILED
                       || existing.get().status() == DownloadStatus.CANCELLED) {
                reset(connection, existing.get().id(), chapter.chapterNumber(), now);
                queued.add(existing.get().id());
            } else if (existing.get().status() == DownloadStatus.COMPLETED
                       && !intact.test(existing.get(), pages.list(connection, existing.get().id()))) {
                Sql.update(connection, "UPDATE downloads SET status = 'queued', completed_at = NULL "
                                        + "WHERE id = ? AND status = 'completed'", existing.get().id());
                queued.add(existing.get().id());
            }
        }
        List<Download> result = new ArrayList<>(queued.size());
        for (String id : queued) {
            result.add(find(connection, id).orElseThrow());
        }
        return result;
    }

    /** Marks a queued download {@code downloading}; empty when it is no longer queued. */
    Optional<Download> claim(Connection connection, String id, Instant now) throws SQLException {
        int changed = Sql.update(connection, "UPDATE downloads SET status = 'downloading', started_at = ?, "
                                              + "error = NULL WHERE id = ? AND status = 'queued'",
                IsoTime.format(now), id);
        return changed == 1 ? find(connection, id) : Optional.empty();
    }

    /** Records the page count of a running download, forgetting pages past it; false when it stopped running. */
    boolean setTotalPages(Connection connection, String id, int totalPages) throws SQLException {
        if (Sql.update(connection, "UPDATE downloads SET total_pages = ? WHERE id = ? AND status = 'downloading'",
                totalPages, id) != 1) {
            return false;
        }
        pages.deleteAfter(connection, id, totalPages);
        return true;
    }

    /** Records a stored page and the new progress; false when the download stopped running. */
    boolean recordPage(Connection connection, DownloadedPage page, int progress) throws SQLException {
        if (Sql.update(connection, "UPDATE downloads SET progress = ? WHERE id = ? AND status = 'downloading'",
                progress, page.downloadId()) != 1) {
            return false;
        }
        pages.replace(connection, page);
        return true;
    }

    boolean complete(Connection connection, String id, Instant now) throws SQLException {
        return Sql.update(connection, "UPDATE downloads SET status = 'completed', progress = 100, completed_at = ? "
                                      + "WHERE id = ? AND status = 'downloading'", IsoTime.format(now), id) == 1;
    }

    /** Marks a running download failed and forgets its pages; false when it had stopped running. */
    boolean fail(Connection connection, String id, String error) throws SQLException {
        if (Sql.update(connection, "UPDATE downloads SET status = 'failed', error = ? "
                                    + "WHERE id = ? AND status = 'downloading'", error, id) != 1) {
            return false;
        }
        pages.deleteAll(connection, id);
        return true;
    }

    /**
     * Cancels a queued or running download and forgets its pages.
     *
     * @return the download as it was before, empty when unknown; nothing changed unless its status was active
     */
    Optional<Download> cancel(Connection connection, String id) throws SQLException {
        Optional<Download> before = find(connection, id);
        if (before.isPresent() && before.get().status().active()) {
            Sql.update(connection, "UPDATE downloads SET status = 'cancelled' WHERE id = ?", id);
            pages.deleteAll(connection, id);
        }
        return before;
    }

    /** Deletes every download of a library item; returns their ids. */
    List<String> deleteAllFor(Connection connection, String libraryId) throws SQLException {
        List<String> ids = Sql.all(connection, "SELECT id FROM downloads WHERE library_id = ?",
                DownloadRepository::id, libraryId);
        Sql.update(connection, "DELETE FROM downloads WHERE library_id = ?", libraryId);
        return ids;
    }

    /** Puts downloads left running by a stopped server back in the queue; returns every queued id, oldest first. */
    List<String> requeueInterrupted(Connection connection) throws SQLException {
        Sql.update(connection, "UPDATE downloads SET status = 'queued' WHERE status = 'downloading'");
        return Sql.all(connection, "SELECT id FROM downloads WHERE status = 'queued' ORDER BY created_at, rowid",
                DownloadRepository::id);
    }

    /** Ids of downloads whose files are kept: queued (maybe half done), running and completed ones. */
    Set<String> idsKeepingFiles(Connection connection) throws SQLException {
        return new HashSet<>(Sql.all(connection,
                "SELECT id FROM downloads WHERE status IN ('queued', 'downloading', 'completed')",
                DownloadRepository::id));
    }

    /** The recorded page files (relative paths) of each download whose files are kept, none for some. */
    Map<String, Set<String>> recordedFilesOfKept(Connection connection) throws SQLException {
        Map<String, Set<String>> files = new HashMap<>();
        idsKeepingFiles(connection).forEach(id -> files.put(id, new HashSet<>()));
        Sql.all(connection, "SELECT p.download_id, p.file_path FROM download_pages p JOIN downloads d"
                            + " ON d.id = p.download_id WHERE d.status IN ('queued', 'downloading', 'completed')",
                row -> files.get(row.getString(1)).add(row.getString(2)));
        return files;
    }

    boolean isRunning(Connection connection, String id) throws SQLException {
        return find(connection, id).map(download -> download.status() == DownloadStatus.DOWNLOADING).orElse(false);
    }

    Optional<Download> find(Connection connection, String id) throws SQLException {
        return Sql.first(connection, "SELECT " + COLUMNS + " FROM downloads WHERE id = ?",
                DownloadRepository::download, id);
    }

    Optional<Download> findByChapter(Connection connection, String libraryId, String chapterId) throws SQLException {
        return Sql.first(connection, "SELECT " + COLUMNS + " FROM downloads WHERE library_id = ? AND chapter_id = ?",
                DownloadRepository::download, libraryId, chapterId);
    }

    List<Download> list(Connection connection, Filter filter) throws SQLException {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM downloads WHERE 1 = 1");
        List<Object> parameters = new ArrayList<>();
        if (filter.status() != null) {
            sql.append(" AND status = ?");
            parameters.add(filter.status().wireName());
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
        return Sql.all(connection, sql.toString(), DownloadRepository::download, parameters.toArray());
    }

    List<Download> listFor(Connection connection, String libraryId) throws SQLException {
        return list(connection, new Filter(null, libraryId, null));
    }

    /** The stored pages of a download, by page number. */
    List<DownloadedPage> pages(Connection connection, String downloadId) throws SQLException {
        return pages.list(connection, downloadId);
    }

    /** Completed downloads and the bytes of every stored page. */
    DownloadStats stats(Connection connection) throws SQLException {
        return new DownloadStats(
                Sql.first(connection, "SELECT COUNT(*) FROM downloads WHERE status = 'completed'",
                        row -> row.getLong(1)).orElseThrow(),
                pages.totalSize(connection));
    }

    private static String insert(Connection connection, LibraryItemRef item, ChapterRequest chapter, Instant now)
            throws SQLException {
        String id = UUID.randomUUID().toString();
        Sql.update(connection, "INSERT INTO downloads (id, library_id, manga_id, chapter_id, chapter_number, "
                                + "extension_id, status, progress, created_at) "
                                + "VALUES (?, ?, ?, ?, ?, ?, 'queued', 0, ?)",
                id, item.id(), item.mangaId(), chapter.chapterId(), chapter.chapterNumber(), item.extensionId(),
                IsoTime.format(now));
        return id;
    }

    private void reset(Connection connection, String id, String chapterNumber, Instant now)
            throws SQLException {
        Sql.update(connection, "UPDATE downloads SET status = 'queued', progress = 0, total_pages = NULL, "
                                + "error = NULL, started_at = NULL, completed_at = NULL, created_at = ?, "
                                + "chapter_number = COALESCE(?, chapter_number) WHERE id = ?",
                IsoTime.format(now), chapterNumber, id);
        pages.deleteAll(connection, id);
    }

    private static Download download(ResultSet row) throws SQLException {
        return new Download(row.getString(1), row.getString(2), row.getString(3), row.getString(4), row.getString(5),
                row.getString(6), DownloadStatus.fromWire(row.getString(7)).orElseThrow(), row.getInt(8),
                Sql.nullableInt(row, 9), row.getString(10), IsoTime.parse(row.getString(11)),
                instantOrNull(row.getString(12)), instantOrNull(row.getString(13)));
    }

    private static String id(ResultSet row) throws SQLException {
        return row.getString(1);
    }

    private static Instant instantOrNull(String text) {
        return text == null ? null : IsoTime.parse(text);
    }
}
