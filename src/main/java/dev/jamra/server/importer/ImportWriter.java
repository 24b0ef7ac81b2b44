package dev.jamra.server.importer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import dev.jamra.server.library.LibraryItem;
import dev.jamra.server.library.LibraryRepository;
import dev.jamra.server.library.LibraryStatus;
import dev.jamra.server.storage.IsoTime;
import dev.jamra.server.storage.ServerState;
import dev.jamra.server.storage.Sql;

/**
 * Adds a plan's rows to our database on the connection of the import's one transaction, and copies its page files
 * (before the rows that name them). Ids are kept as the original had them, so the renderer's links keep working.
 */
final class ImportWriter {
    private ImportWriter() {
    }

    static void write(Connection c, ImportPlan plan, PageCopies copies) throws SQLException {
        LibraryRepository items = new LibraryRepository();
        for (ImportPlan.LibraryItem item : plan.library()) {
            // the planner has checked the status
            items.insert(c, new LibraryItem(item.id(), item.mangaId(), item.extensionId(), item.title(),
                    Optional.ofNullable(item.coverUrl()), LibraryStatus.fromWire(item.status()).orElseThrow(),
                    item.favorite(), item.dateAdded(), item.lastUpdated()));
        }
        for (ImportPlan.Progress progress : plan.progress()) {
            // read_order grows per item; rows come oldest first, so the last read chapter stays the last
            Sql.update(c, "INSERT INTO reading_progress (id, library_id, chapter_id, chapter_number, page_number, "
                           + "total_pages, last_read, completed, read_order) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                           + "(SELECT COALESCE(MAX(read_order), 0) + 1 FROM reading_progress WHERE library_id = ?))",
                    progress.id(), progress.libraryId(), progress.chapterId(), progress.chapterNumber(),
                    progress.pageNumber(), progress.totalPages(), time(progress.lastRead()),
                    progress.completed() ? 1 : 0, progress.libraryId());
        }
        for (ImportPlan.Setting setting : plan.settings()) {
            Sql.update(c, "INSERT INTO settings (key, scope, value, updated_at) VALUES (?, ?, ?, ?)",
                    setting.key(), setting.scope(), setting.valueJson(), time(setting.updatedAt()));
        }
        boolean pagesImported = false;
        for (ImportPlan.Download download : plan.downloads()) {
            if (download.addition() == ImportPlan.Addition.REPAIR) {
                Sql.update(c, "UPDATE downloads SET status = ?, progress = ?, total_pages = ?, error = ?, "
                               + "started_at = ?, completed_at = ? WHERE id = ? AND status = 'failed'",
                        download.status(), download.progress(), download.totalPages(), download.error(),
                        time(download.startedAt()), time(download.completedAt()), download.id());
                Sql.update(c, "DELETE FROM import_placeholders WHERE download_id = ?", download.id());
            } else {
                Sql.update(c, "INSERT INTO downloads (id, library_id, manga_id, chapter_id, chapter_number, "
                               + "extension_id, status, progress, total_pages, error, created_at, started_at, "
                               + "completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                        download.id(), download.libraryId(), download.mangaId(), download.chapterId(),
                        download.chapterNumber(), download.extensionId(), download.status(), download.progress(),
                        download.totalPages(), download.error(), time(download.createdAt()),
                        time(download.startedAt()), time(download.completedAt()));
            }
            if (download.addition() == ImportPlan.Addition.PLACEHOLDER) {
                Sql.update(c, "INSERT INTO import_placeholders (download_id) VALUES (?)", download.id());
            }
            for (ImportPlan.Page page : download.pages()) {
                String filePath = copy(copies, download.id(), page);
                Sql.update(c, "INSERT INTO download_pages (id, download_id, page_number, page_url, file_path, "
                               + "file_size, downloaded_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
                        page.id(), download.id(), page.pageNumber(), page.pageUrl(), filePath, page.source().size(),
                        time(page.downloadedAt()));
                pagesImported = true;
            }
        }
        if (pagesImported) {
            // pages used where the original kept them are in folders without our marker: the next start adopts them
            ServerState.DOWNLOAD_FOLDERS_TO_ADOPT.set(c);
        }
    }

    private static String copy(PageCopies copies, String downloadId, ImportPlan.Page page) {
        try {
            String path = copies.copy(downloadId, page);
            if (Files.size(page.source().file()) != page.source().size()) {
                throw new IOException(page.source().file() + " changed while it was copied");
            }
            return path;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot copy " + page.source().file() + ": " + e.getMessage(), e);
        }
    }

    private static String time(Instant instant) {
        return instant == null ? null : IsoTime.format(instant);
    }
}
