/**
 * The data folder and what it holds: its layout ({@link dev.jamra.server.storage.DataFolder}: the database, the
 * downloaded pages, the scratch folder), the embedded SQLite database ({@code jamra.db}, migrated by Flyway, opened
 * at start-up beside the rest of the wiring by {@link dev.jamra.server.storage.DatabaseOpening}), the lock that
 * keeps a data folder to one writer, the JDBC chores the repositories share ({@link dev.jamra.server.storage.Sql}),
 * and {@link dev.jamra.server.storage.IsoTime}, the instant format stored in the database and sent on the wire.
 *
 * <p>It owns no feature's table: each feature's repository has its SQL. It keeps only
 * {@link dev.jamra.server.storage.ServerState}, the flags of work a start still has to do on the data folder. It
 * knows nothing of who asks after it: {@code /health} asks {@link dev.jamra.server.storage.Database#problem} through
 * the check {@code Main} wires.
 */
package dev.jamra.server.storage;
