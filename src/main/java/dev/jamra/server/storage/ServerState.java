package dev.jamra.server.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Flags the server keeps about its data folder in the {@code server_state} table: work a start still has to do
 * (an import of the original server's data that did not commit, download folders to adopt). A flag is set when its
 * row is there; setting and clearing happen in the caller's transaction, with the work they stand for.
 */
public enum ServerState {
    /** The original server's {@code manga.db} in the data folder waits to be imported: every start tries again. */
    ORIGINAL_IMPORT_PENDING("original-import-pending"),
    /**
     * Download folders without an ownership marker may be ours: made by an earlier version of this server, or
     * holding the original's pages an import used in place. The next start adopts those that qualify.
     */
    DOWNLOAD_FOLDERS_TO_ADOPT("download-folders-to-adopt");

    private final String key;

    ServerState(String key) {
        this.key = key;
    }

    public boolean isSet(Connection c) throws SQLException {
        return Sql.first(c, "SELECT 1 FROM server_state WHERE key = ?", row -> true, key).isPresent();
    }

    public void set(Connection c) throws SQLException {
        Sql.update(c, "INSERT OR REPLACE INTO server_state (key, value) VALUES (?, 'pending')", key);
    }

    public void clear(Connection c) throws SQLException {
        Sql.update(c, "DELETE FROM server_state WHERE key = ?", key);
    }
}
