package dev.jamra.server.downloads;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which folders under {@code downloads/} are the server's own, and what in them it may delete. The server deletes
 * only what it created: a folder is its own when it holds the ownership marker ({@value #MARKER}), which the
 * server writes and syncs when it creates the folder, before any page goes in. In its own folders it deletes only
 * the names it writes ({@code page_001.png}, the {@code .part} files of pages on their way, the marker last); a
 * folder without the marker is never touched, whatever the database says.
 *
 * <p>Folders made before markers existed (by an earlier version of this server, or the original's folders whose
 * pages an import used in place) are adopted once, by {@link #adopt}: only when they hold nothing but the pages
 * the database records for them.
 */
public final class DownloadFolders {
    private static final System.Logger LOG = System.getLogger(DownloadFolders.class.getName());

    /** The ownership marker in each folder the server created. */
    public static final String MARKER = ".jamra-download";
    private static final byte[] MARKER_TEXT = ("This folder was created by the JAMRA server, which deletes only the"
            + " files it wrote here (page_001.png...).\n").getBytes(StandardCharsets.UTF_8);
    private static final Pattern DOWNLOAD_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    /** A page, {@code page_001.png}: group 1 is its number. */
    private static final Pattern PAGE = Pattern.compile("page_0*([0-9]{1,9})\\.[a-z0-9]{1,10}");
    /**
     * A page on its way: {@code page_001-<digits>.part} (downloading) or {@code page_001.png-<digits>.part}
     * (importing), as {@link Files#createTempFile} names them. Group 1 is the page's number.
     */
    private static final Pattern PART = Pattern.compile("page_0*([0-9]{1,9})(?:\\.[a-z0-9]{1,10})?-[0-9]{1,20}\\.part");

    private final Path root;
    private final Durability durability;

    /** Forces written bytes to the disk: a file's content, a folder's entries. */
    public interface Durability {
        void syncFile(Path file) throws IOException;

        void syncFolder(Path folder) throws IOException;
    }

    /** A download's folder exists and is not the server's: nothing is written or deleted in it. */
    public static final class ForeignFolderException extends IOException {
        ForeignFolderException(Path dir) {
            super("The folder " + dir + " was not created by this server (it has no " + MARKER + "): it is left as"
                  + " it is");
        }
    }

    /** What a deletion did. */
    enum Deleted {
        /** There was no folder. */
        NOTHING,
        /** The folder and everything the server wrote in it are gone. */
        ALL,
        /** The server's files are gone; the folder stays, holding files it did not write. */
        OURS_ONLY,
        /** The folder is not the server's: untouched. */
        NOT_OURS
    }

    /** The folders under {@code root}, synced to disk for real. */
    public DownloadFolders(Path root) {
        this(root, new FileSystemDurability());
    }

    DownloadFolders(Path root, Durability durability) {
        this.root = root.toAbsolutePath().normalize();
        this.durability = durability;
    }

    public Path root() {
        return root;
    }

    /** Forces a file's bytes to the disk. */
    public void sync(Path file) throws IOException {
        durability.syncFile(file);
    }

    /** Forces a folder's entries (a rename into it, a new file) to the disk. */
    public void syncFolder(Path folder) throws IOException {
        durability.syncFolder(folder);
    }

    /** Whether {@code name} can be a download's id, and so a folder here. */
    public static boolean isDownloadId(String name) {
        return DOWNLOAD_ID.matcher(name).matches();
    }

    /** The folder of {@code downloadId} (which may not exist). */
    public Path dir(String downloadId) {
        if (!isDownloadId(downloadId)) {
            throw new IllegalArgumentException("Not a download id: " + downloadId);
        }
        return root.resolve(downloadId);
    }

    /** Whether the folder of {@code downloadId} exists and is the server's. */
    public boolean owns(String downloadId) {
        return owns(dir(downloadId));
    }

    private static boolean owns(Path dir) {
        return Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)
               && Files.isRegularFile(dir.resolve(MARKER), LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * The folder of {@code downloadId}, made the server's own: created with the marker (synced, and the folder's
     * entry with it) when missing, or as it is when it is the server's already. An empty folder without the marker
     * (a crash between the two steps) is claimed too: it holds nothing of anyone's.
     *
     * @throws ForeignFolderException when the folder exists with something in it and without the marker
     */
    public Path claim(String downloadId) throws IOException {
        Path dir = dir(downloadId);
        Files.createDirectories(root);
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException e) {
            if (owns(dir)) {
                return dir;
            }
            if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || !isEmpty(dir)) {
                throw new ForeignFolderException(dir);
            }
        }
        mark(dir);
        durability.syncFolder(root);
        return dir;
    }

    /**
     * Deletes what the server wrote in the folder of {@code downloadId} (pages, {@code .part} files), then the
     * marker and the folder when nothing else is left. A folder that is not the server's is not touched.
     */
    Deleted delete(String downloadId) throws IOException {
        Path dir = dir(downloadId);
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return Deleted.NOTHING;
        }
        if (!owns(dir)) {
            return Deleted.NOT_OURS;
        }
        boolean foreign = false;
        for (Path entry : entries(dir)) {
            String name = entry.getFileName().toString();
            if (name.equals(MARKER)) {
                continue;
            }
            if (isOurs(name) && !Files.isDirectory(entry, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(entry);
            } else {
                foreign = true;
            }
        }
        if (foreign) {
            return Deleted.OURS_ONLY;
        }
        // the marker goes last: a crash before this point leaves a folder that is still known to be ours
        Files.deleteIfExists(dir.resolve(MARKER));
        Files.deleteIfExists(dir);
        return Deleted.ALL;
    }

    /** Deletes the {@code .part} files of the server's folder of {@code downloadId}: pages a crash cut short. */
    void deletePartFiles(String downloadId) throws IOException {
        Path dir = dir(downloadId);
        if (!owns(dir)) {
            return;
        }
        for (Path entry : entries(dir)) {
            if (PART.matcher(entry.getFileName().toString()).matches()
                && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(entry);
            }
        }
    }

    /** Deletes the page files numbered above {@code pageCount} in the server's folder of {@code downloadId}. */
    void deletePagesAfter(String downloadId, int pageCount) throws IOException {
        Path dir = dir(downloadId);
        if (!owns(dir)) {
            return;
        }
        for (Path entry : entries(dir)) {
            Matcher page = PAGE.matcher(entry.getFileName().toString());
            if (page.matches() && Integer.parseInt(page.group(1)) > pageCount
                && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(entry);
            }
        }
    }

    /** Deletes other copies of page {@code pageNumber} than {@code keep} (the page came as another type). */
    void deleteOtherCopies(String downloadId, int pageNumber, Path keep) throws IOException {
        Path dir = dir(downloadId);
        if (!owns(dir)) {
            return;
        }
        for (Path entry : entries(dir)) {
            Matcher page = PAGE.matcher(entry.getFileName().toString());
            if (page.matches() && Integer.parseInt(page.group(1)) == pageNumber && !entry.equals(keep)
                && Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                Files.deleteIfExists(entry);
            }
        }
    }

    /**
     * Adopts the folder of {@code downloadId}, when it has no marker yet, if it holds nothing but regular files
     * that are the download's recorded pages ({@code recordedNames}) or {@code .part} files: it writes the marker.
     *
     * @return whether the folder is the server's now
     */
    boolean adopt(String downloadId, Set<String> recordedNames) throws IOException {
        Path dir = dir(downloadId);
        if (owns(dir)) {
            return true;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return false;
        }
        for (Path entry : entries(dir)) {
            String name = entry.getFileName().toString();
            boolean ours = recordedNames.contains(name) || PART.matcher(name).matches();
            if (!ours || !Files.isRegularFile(entry, LinkOption.NOFOLLOW_LINKS)) {
                LOG.log(Level.INFO, () -> "Not adopting " + dir + ": it holds " + name + ", which this server did"
                                          + " not write there; it stays as it is");
                return false;
            }
        }
        mark(dir);
        return true;
    }

    /** Whether this server writes files named {@code name} in its download folders (pages and their parts). */
    static boolean isOurs(String name) {
        return PAGE.matcher(name).matches() || PART.matcher(name).matches();
    }

    private void mark(Path dir) throws IOException {
        Path marker = dir.resolve(MARKER);
        Files.write(marker, MARKER_TEXT, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        durability.syncFile(marker);
        durability.syncFolder(dir);
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            return !entries.iterator().hasNext();
        }
    }

    private static List<Path> entries(Path dir) throws IOException {
        List<Path> all = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir)) {
            entries.forEach(all::add);
        }
        return all;
    }

    /** The real thing: {@code fsync} of the file, and of the folder where the platform allows it. */
    private static final class FileSystemDurability implements Durability {
        @Override
        public void syncFile(Path file) throws IOException {
            try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
        }

        @Override
        public void syncFolder(Path folder) throws IOException {
            try (FileChannel channel = FileChannel.open(folder, StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException e) {
                // some platforms (Windows) cannot open a folder: the rename is as durable as they make it
                LOG.log(Level.DEBUG, () -> "Cannot sync the folder " + folder + ": " + e);
            }
        }
    }
}
