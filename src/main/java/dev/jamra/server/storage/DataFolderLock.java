package dev.jamra.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An exclusive lock on a data folder, held by whoever writes it: the running server, or an import. It is an
 * operating-system lock on {@code <data dir>/jamra.lock}, so it is released when its holder stops, even by a
 * crash, and a lock file left behind never blocks anyone. The file holds the holder's process id, for messages.
 */
public final class DataFolderLock implements AutoCloseable {
    public static final String FILE_NAME = "jamra.lock";

    private final Path file;
    private final FileChannel channel;
    private final FileLock lock;

    private DataFolderLock(Path file, FileChannel channel, FileLock lock) {
        this.file = file;
        this.channel = channel;
        this.lock = lock;
    }

    /**
     * Locks {@code dataDir} (creating it if needed).
     *
     * @throws InUseException when another server or import holds it
     */
    public static DataFolderLock acquire(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        FileChannel channel = null;
        try {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            FileLock lock = tryLock(channel);
            if (lock == null) {
                String holder = holder(file);
                channel.close();
                throw new InUseException(dataDir, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)),
                    0);
            channel.force(false);
            return new DataFolderLock(file, channel, lock);
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("Cannot lock the data folder " + dataDir.toAbsolutePath()
                                           + " with " + file, e);
        }
    }

    /**
     * Checks that no server or import holds {@code dataDir}, changing nothing (a folder or lock file that is not
     * there means nobody holds it).
     *
     * @throws InUseException when another server or import holds it
     */
    public static void check(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.isRegularFile(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = tryLock(channel);
            if (lock == null) {
                throw new InUseException(dataDir, holder(file));
            }
            lock.release();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot check the lock " + file, e);
        }
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException e) {
            // held by this very process (a server started earlier in the same JVM)
            return null;
        }
    }

    /** The process id written by the holder, or a neutral phrase when it cannot be read. */
    private static String holder(Path file) {
        try {
            String pid = Files.readString(file, StandardCharsets.US_ASCII).strip();
            return pid.matches("[0-9]{1,10}") ? "process " + pid : "another process";
        } catch (IOException | UncheckedIOException e) {
            return "another process";
        }
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    /** Releases the lock; the file stays, harmless once unlocked. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException e) {
            // closing the channel below releases it too
        }
        closeQuietly(channel);
    }

    @Override
    public String toString() {
        return "DataFolderLock[" + file + "]";
    }

    /** The data folder is locked by a running server or import. */
    public static final class InUseException extends IllegalStateException {
        InUseException(Path dataDir, String holder) {
            super("The data folder " + dataDir.toAbsolutePath() + " is in use by a running JAMRA server or import ("
                  + holder + " holds " + dataDir.resolve(FILE_NAME).toAbsolutePath() + "). Stop it first, or "
                  + "choose another data folder (DATA_DIR).");
        }
    }
}
