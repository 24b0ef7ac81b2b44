package dev.jamra.server.testing;

import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import dev.jamra.server.downloads.LibraryItemRef;
import dev.jamra.server.storage.Database;

/** Puts library items straight into a server's database, for features that need one to exist. */
public final class LibraryRows implements AutoCloseable {
    private final Database database;

    private LibraryRows(Database database) {
        this.database = database;
    }

    /** Opens the database of the server whose data folder is {@code dataDir}. */
    public static LibraryRows open(Path dataDir) {
        return new LibraryRows(Database.open(dataDir));
    }

    /** Inserts an item for a manga of a source; returns its id. */
    public String insert(String mangaId, String extensionId) {
        String id = "lib-" + UUID.randomUUID();
        String now = Instant.now().toString();
        database.write(connection -> {
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO library_items (id, manga_id, extension_id, title, title_key, status, favorite, "
                    + "date_added, last_updated) VALUES (?, ?, ?, ?, ?, 'reading', 0, ?, ?)")) {
                String title = "Title of " + mangaId;
                insert.setString(1, id);
                insert.setString(2, mangaId);
                insert.setString(3, extensionId);
                insert.setString(4, title);
                insert.setString(5, title.toLowerCase(java.util.Locale.ROOT));
                insert.setString(6, now);
                insert.setString(7, now);
                return insert.executeUpdate();
            }
        });
        return id;
    }

    /** Deletes an item straight away, as its removal's transaction does: its downloads go by cascade. */
    public void delete(String libraryId) {
        database.write(connection -> {
            try (PreparedStatement delete = connection.prepareStatement("DELETE FROM library_items WHERE id = ?")) {
                delete.setString(1, libraryId);
                return delete.executeUpdate();
            }
        });
    }

    /** Looks an item up as downloads do, for services built without the library feature. */
    public Optional<LibraryItemRef> find(String libraryId) {
        return database.read(connection -> {
            try (PreparedStatement query = connection.prepareStatement(
                    "SELECT id, manga_id, extension_id FROM library_items WHERE id = ?")) {
                query.setString(1, libraryId);
                try (ResultSet row = query.executeQuery()) {
                    return row.next()
                            ? Optional.of(new LibraryItemRef(row.getString(1), row.getString(2), row.getString(3)))
                            : Optional.empty();
                }
            }
        });
    }

    @Override
    public void close() {
        database.close();
    }
}
