package dev.jamra.server.importer;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import dev.jamra.server.storage.Sql;

/**
 * What our database already holds, asked row by row while an import is planned: the import's own write
 * transaction, a read-only connection for a dry run, or nothing at all (a data folder without a database yet).
 */
final class TargetDatabase {
    private final Connection connection;

    private TargetDatabase(Connection connection) {
        this.connection = connection;
    }

    static TargetDatabase of(Connection connection) {
        return new TargetDatabase(connection);
    }

    /** A database that does not exist yet: holds nothing. */
    static TargetDatabase empty() {
        return new TargetDatabase(null);
    }

    /** The id of the library item of that manga, if there is one. */
    Optional<String> libraryItemOf(String mangaId, String extensionId) throws SQLException {
        return connection == null ? Optional.empty() : Sql.first(connection,
                "SELECT id FROM library_items WHERE manga_id = ? AND extension_id = ?", row -> row.getString(1),
                mangaId, extensionId);
    }

    Optional<String> mangaIdOf(String libraryId) throws SQLException {
        return connection == null ? Optional.empty() : Sql.first(connection,
                "SELECT manga_id FROM library_items WHERE id = ?", row -> row.getString(1), libraryId);
    }

    boolean hasProgress(String id) throws SQLException {
        return exists("SELECT 1 FROM reading_progress WHERE id = ?", id);
    }

    boolean hasProgressFor(String libraryId, String chapterId) throws SQLException {
        return exists("SELECT 1 FROM reading_progress WHERE library_id = ? AND chapter_id = ?", libraryId, chapterId);
    }

    boolean hasSetting(String key) throws SQLException {
        return exists("SELECT 1 FROM settings WHERE key = ?", key);
    }

    boolean hasDownload(String id) throws SQLException {
        return exists("SELECT 1 FROM downloads WHERE id = ?", id);
    }

    /** The id of the download of that chapter, if there is one. */
    Optional<String> downloadOf(String libraryId, String chapterId) throws SQLException {
        return connection == null ? Optional.empty() : Sql.first(connection,
                "SELECT id FROM downloads WHERE library_id = ? AND chapter_id = ?", row -> row.getString(1),
                libraryId, chapterId);
    }

    /**
     * Whether download {@code id} is a placeholder an import added as failed, for want of sound page files, and is
     * still that: failed, without pages. A later import that finds its pages sound repairs it. (A database not yet
     * migrated, as a dry run may meet, knows its placeholders only by the reason they were given.)
     */
    boolean isRepairablePlaceholder(String id) throws SQLException {
        if (connection == null) {
            return false;
        }
        boolean recorded = Sql.first(connection, "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = "
                                                  + "'import_placeholders'", row -> true).isPresent();
        String placeholder = recorded
                ? "id IN (SELECT download_id FROM import_placeholders)"
                : "error LIKE 'Imported from the original server with %'";
        return exists("SELECT 1 FROM downloads WHERE id = ? AND status = 'failed' AND " + placeholder
                      + " AND NOT EXISTS (SELECT 1 FROM download_pages WHERE download_id = downloads.id)", id);
    }

    boolean hasPage(String id) throws SQLException {
        return exists("SELECT 1 FROM download_pages WHERE id = ?", id);
    }

    private boolean exists(String sql, Object... parameters) throws SQLException {
        return connection != null && Sql.first(connection, sql, row -> true, parameters).isPresent();
    }
}
