package dev.jamra.server.importer;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.jamra.server.storage.Sql;

/** The SELECTs of the original's tables (schema version 4), into {@link OriginalData}. */
final class OriginalReader {
    private OriginalReader() {
    }

    static OriginalData read(Connection c) throws SQLException {
        return new OriginalData(library(c), progress(c), settings(c), downloads(c), notCarried(c));
    }

    private static List<OriginalData.LibraryItem> library(Connection c) throws SQLException {
        return Sql.all(c, "SELECT id, manga_id, extension_id, title, cover_url, status, favorite, date_added, "
                           + "last_updated FROM library ORDER BY date_added, rowid",
                row -> new OriginalData.LibraryItem(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), row.getString(6), row.getLong(7), row.getString(8),
                        row.getString(9)));
    }

    /** By item, oldest read first: the order in which they are stored here is the order they were read. */
    private static List<OriginalData.Progress> progress(Connection c) throws SQLException {
        return Sql.all(c, "SELECT id, library_id, chapter_id, chapter_number, page_number, total_pages, last_read, "
                           + "completed FROM reading_progress ORDER BY library_id, last_read, rowid",
                row -> new OriginalData.Progress(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getLong(5), nullableLong(row, 6), row.getString(7), row.getLong(8)));
    }

    private static List<OriginalData.Setting> settings(Connection c) throws SQLException {
        return Sql.all(c, "SELECT key, scope, value_json, updated_at FROM settings ORDER BY key",
                row -> new OriginalData.Setting(row.getString(1), row.getString(2), row.getString(3),
                        nullableLong(row, 4)));
    }

    private static List<OriginalData.Download> downloads(Connection c) throws SQLException {
        Map<String, List<OriginalData.Page>> pages = new LinkedHashMap<>();
        for (OriginalData.Page page : Sql.all(c, "SELECT id, download_id, page_number, page_url, file_path, "
                                                  + "file_size, downloaded_at FROM downloaded_pages "
                                                  + "ORDER BY download_id, page_number",
                row -> new OriginalData.Page(row.getString(1), row.getString(2), row.getLong(3), row.getString(4),
                        row.getString(5), nullableLong(row, 6), row.getString(7)))) {
            pages.computeIfAbsent(page.downloadId(), id -> new ArrayList<>()).add(page);
        }
        return Sql.all(c, "SELECT id, library_id, chapter_id, chapter_number, extension_id, status, progress, "
                           + "total_pages, error, created_at, started_at, completed_at FROM downloads "
                           + "ORDER BY created_at, rowid",
                row -> new OriginalData.Download(row.getString(1), row.getString(2), row.getString(3),
                        row.getString(4), row.getString(5), row.getString(6), row.getLong(7), nullableLong(row, 8),
                        row.getString(9), row.getString(10), row.getString(11), row.getString(12),
                        pages.getOrDefault(row.getString(1), List.of())));
    }

    private static OriginalData.NotCarried notCarried(Connection c) throws SQLException {
        List<String> extensions = Sql.all(c, "SELECT name, slug, version, enabled FROM extensions ORDER BY name",
                row -> row.getString(1) + " (" + row.getString(2) + " " + row.getString(3)
                       + (row.getLong(4) == 0 ? ", disabled)" : ")"));
        List<String> repositories = Sql.all(c, "SELECT name, url FROM catalog_repos ORDER BY name",
                row -> row.getString(1) + " (" + row.getString(2) + ")");
        return new OriginalData.NotCarried(extensions, repositories, count(c, "catalog_entries"),
                count(c, "extension_installs"));
    }

    private static int count(Connection c, String table) throws SQLException {
        return Sql.first(c, "SELECT COUNT(*) FROM " + table, row -> row.getInt(1)).orElse(0);
    }

    private static Long nullableLong(ResultSet row, int column) throws SQLException {
        long value = row.getLong(column);
        return row.wasNull() ? null : value;
    }
}
