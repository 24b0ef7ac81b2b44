package dev.jamra.server.storage;

import java.nio.file.Path;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * {@link Database#open} on a thread of its own, so the server wires its other parts meanwhile. The thread ends
 * when the database is open or has failed to; {@link #await} hands over either outcome.
 */
public final class DatabaseOpening {
    private final FutureTask<Database> task;

    private DatabaseOpening(FutureTask<Database> task) {
        this.task = task;
    }

    /** Starts opening (creating and migrating, if needed) the database in {@code dataDir}. */
    public static DatabaseOpening start(Path dataDir) {
        FutureTask<Database> task = new FutureTask<>(() -> Database.open(dataDir));
        Thread.ofPlatform().name("open-database").start(task);
        return new DatabaseOpening(task);
    }

    /** The open database, once it is; throws what {@link Database#open} threw. */
    public Database await() {
        try {
            return task.get();
        } catch (ExecutionException e) {
            switch (e.getCause()) {
                case RuntimeException failure -> throw failure;
                case Error failure -> throw failure;
                default -> throw new StorageException("Cannot open the database", e.getCause());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StorageException("Interrupted while the database was opening", e);
        }
    }
}
