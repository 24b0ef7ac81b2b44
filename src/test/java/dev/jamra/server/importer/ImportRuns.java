package dev.jamra.server.importer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.jamra.server.ServerLifecycle;
import dev.jamra.server.Main;
import dev.jamra.server.testing.RestClient;
import dev.jamra.server.testing.TestConfig;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;

import org.sqlite.SQLiteConfig;

/** Runs the import command in this JVM, starts real servers on a data folder, and snapshots what a folder holds. */
final class ImportRuns {
    private ImportRuns() {
    }

    /** What the command did: its exit status and what it printed. */
    record Run(int status, String out, String err) {
    }

    /** {@code bin/import-jamra args} with {@code DATA_DIR=dataDir}. */
    static Run command(Path dataDir, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = ImportCommand.run(List.of(args), Map.of("DATA_DIR", dataDir.toString()),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** A real server on {@code dataDir}, wired by {@code Main.setup}; closing stops it. */
    record Running(ServerLifecycle app, RestClient http) implements AutoCloseable {
        static Running start(Path dataDir) {
            WebServerConfig.Builder builder = WebServer.builder();
            ServerLifecycle app = Main.setup(builder, TestConfig.create(dataDir));
            WebServer server = builder.build().start();
            return new Running(app, new RestClient(URI.create("http://localhost:" + server.port())));
        }

        @Override
        public void close() {
            app.stop();
        }
    }

    /**
     * Every row of our database's data tables and every file under the data folder's downloads with its hash:
     * equal snapshots mean nothing changed.
     */
    static List<String> snapshot(Path dataDir) {
        List<String> lines = new ArrayList<>();
        Path db = dataDir.resolve("jamra.db");
        if (Files.exists(db)) {
            SQLiteConfig config = new SQLiteConfig();
            config.setReadOnly(true);
            try (Connection c = config.createConnection("jdbc:sqlite:" + db); Statement s = c.createStatement()) {
                for (String table : List.of("library_items", "reading_progress", "settings", "downloads",
                        "download_pages")) {
                    try (ResultSet rows = s.executeQuery("SELECT * FROM " + table + " ORDER BY rowid")) {
                        ResultSetMetaData meta = rows.getMetaData();
                        while (rows.next()) {
                            StringBuilder line = new StringBuilder(table);
                            for (int i = 1; i <= meta.getColumnCount(); i++) {
                                line.append(" | ").append(rows.getString(i));
                            }
                            lines.add(line.toString());
                        }
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        }
        lines.addAll(files(dataDir.resolve("downloads")).entrySet().stream()
                .map(entry -> "file " + entry.getKey() + " " + entry.getValue()).toList());
        return lines;
    }

    /** Files under {@code dir} (relative path to hash). */
    static Map<String, String> files(Path dir) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> tree = Files.walk(dir)) {
            tree.filter(Files::isRegularFile).forEach(file ->
                    files.put(dir.relativize(file).toString(), OriginalFixture.sha256(file)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
