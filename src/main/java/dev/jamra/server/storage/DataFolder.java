package dev.jamra.server.storage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What lives where in a data folder: the database ({@value Database#FILE_NAME}, see {@link Database}), the pages of
 * downloaded chapters, and the scratch folder for pages in transit (on the same disk, so they can be renamed into
 * place).
 */
public record DataFolder(Path root) {

    /** The data folder at {@code root}, created when missing. */
    public static DataFolder create(Path root) {
        try {
            return new DataFolder(Files.createDirectories(root));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + root.toAbsolutePath(), e);
        }
    }

    /** Where downloaded pages live, one folder per download. */
    public Path downloads() {
        return root.resolve("downloads");
    }

    /** Pages in transit: fetched for a reader, copied by an import. */
    public Path scratch() {
        return root.resolve("tmp");
    }
}
