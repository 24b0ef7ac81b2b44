package dev.jamra.server.downloads;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Optional;

import dev.jamra.server.storage.Database;

/** {@link LibraryItems} read straight from the {@code library_items} table. */
public final class SqlLibraryItems implements LibraryItems {
    private final Database database;

    public SqlLibraryItems(Database database) {
        this.database = database;
    }

    @Override
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
}
