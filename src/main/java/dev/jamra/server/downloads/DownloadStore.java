package dev.jamra.server.downloads;

import java.time.Clock;
import java.time.Instant;

import dev.jamra.server.storage.Database;
import dev.jamra.server.storage.IsoTime;

/**
 * Where downloads are kept: their rows in the database and their files under the downloads folder, with the clock
 * that stamps the rows.
 */
record DownloadStore(Database db, DownloadRepository rows, DownloadFiles files, Clock clock) {

    /** The current instant, as rows store it. */
    Instant now() {
        return IsoTime.now(clock);
    }
}
