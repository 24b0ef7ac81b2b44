package dev.jamra.server.updates;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.jamra.server.testing.Images;
import dev.jamra.server.testing.TestServer;

/** Manga and chapter folders of a local library, as a user drops them in. */
public record LocalFolders(Path root) {

    /** The local library folder of {@code server}. */
    public static LocalFolders of(TestServer server) {
        return new LocalFolders(server.dataDir().resolve("local"));
    }

    /** Adds chapter folder {@code chapter} of manga folder {@code manga}, with one page. */
    public LocalFolders chapter(String manga, String chapter) {
        try {
            Path dir = Files.createDirectories(root.resolve(manga).resolve(chapter));
            Files.write(dir.resolve("1.png"), Images.of("png", 8, 8));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Deletes a manga's folder, as a user who moves it away. */
    public void remove(String manga) {
        try {
            TestServer.deleteRecursively(root.resolve(manga));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
