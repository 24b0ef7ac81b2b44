/**
 * The embedded SQLite database under the data folder ({@code jamra.db}, migrated by Flyway, opened at start-up
 * beside the rest of the wiring by {@link dev.jamra.server.storage.DatabaseOpening}), the lock that keeps a
 * data folder to one writer, the JDBC chores the repositories share ({@link dev.jamra.server.storage.Sql}), and
 * {@link dev.jamra.server.storage.IsoTime}, the instant format stored in the database and sent on the wire.
 *
 * <p>It owns no table's SQL: each feature's repository does.
 */
package dev.jamra.server.storage;
