package dev.jamra.server.downloads;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import dev.jamra.server.storage.IsoTime;
import dev.jamra.server.storage.Sql;

/**
 * The {@code download_pages} table: the pages a download has stored. Every method works on the connection it is
 * given, so {@link DownloadRepository} changes pages in the same transaction as the download they belong to.
 */
final class DownloadPageRepository {
    private static final String COLUMNS = "id, download_id, page_number, page_url, file_path, file_size, downloaded_at";

    /** The stored pages of a download, by page number. */
    List<DownloadedPage> list(Connection c, String downloadId) throws SQLException {
        return Sql.all(c, "SELECT " + COLUMNS + " FROM download_pages WHERE download_id = ? ORDER BY page_number",
                DownloadPageRepository::page, downloadId);
    }

    /** Stores a page, replacing an earlier row for the same page number. */
    void replace(Connection c, DownloadedPage page) throws SQLException {
        Sql.update(c, "DELETE FROM download_pages WHERE download_id = ? AND page_number = ?",
                page.downloadId(), page.pageNumber());
        Sql.update(c, "INSERT INTO download_pages (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
                page.id(), page.downloadId(), page.pageNumber(), page.pageUrl(), page.filePath(), page.fileSize(),
                IsoTime.format(page.downloadedAt()));
    }

    /** Forgets the pages numbered above {@code lastPage}. */
    void deleteAfter(Connection c, String downloadId, int lastPage) throws SQLException {
        Sql.update(c, "DELETE FROM download_pages WHERE download_id = ? AND page_number > ?", downloadId, lastPage);
    }

    void deleteAll(Connection c, String downloadId) throws SQLException {
        Sql.update(c, "DELETE FROM download_pages WHERE download_id = ?", downloadId);
    }

    /** The bytes of every stored page. */
    long totalSize(Connection c) throws SQLException {
        return Sql.first(c, "SELECT COALESCE(SUM(file_size), 0) FROM download_pages", row -> row.getLong(1))
                .orElseThrow();
    }

    private static DownloadedPage page(ResultSet row) throws SQLException {
        return new DownloadedPage(row.getString(1), row.getString(2), row.getInt(3), row.getString(4),
                row.getString(5), row.getLong(6), IsoTime.parse(row.getString(7)));
    }
}
