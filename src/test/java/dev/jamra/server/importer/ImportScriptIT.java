package dev.jamra.server.importer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.jamra.server.testing.TestConfig;

import org.junit.jupiter.api.Test;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code bin/import-jamra} itself, on the packaged jar (so it runs after {@code package}, under failsafe): it finds a
 * JDK 21+ without {@code JAVA_HOME}, takes paths relative to where it is typed, honours {@code DATA_DIR}, and its
 * exit status says whether everything was carried.
 */
class ImportScriptIT {
    private static final Path SCRIPT = Path.of(System.getProperty("project.basedir", ".")).toAbsolutePath()
            .resolve("bin/import-jamra");

    @Test
    void theScriptImportsThenSkipsRepairsWhatItCouldNotCarryAndADryRunChangesNothing() throws Exception {
        Path original = TestConfig.newDataDir();
        OriginalFixture fixture = OriginalFixture.standard(original);
        Files.move(fixture.downloads, original.resolve("pages")); // as if DOWNLOADS_DIR had pointed elsewhere
        Path dataDir = TestConfig.newDataDir().resolve("data");

        Result first = run(original, dataDir, "manga.db", "--downloads", "pages");
        assertEquals(1, first.status(), "the damaged download is reported as a failure: " + first);
        assertThat(first.out(), containsString("Imported " + fixture.database));
        assertThat(first.out(), containsString("library items             5        0        0"));
        assertThat(first.out(), containsString("downloaded pages          3        1        1"));
        assertTrue(Files.isRegularFile(dataDir.resolve("downloads/dl-ok/page_003.jpg")));

        Result dry = run(original, dataDir, "--dry-run", "manga.db", "--downloads", "pages");
        assertEquals(1, dry.status(), "the damaged download would still not be carried: " + dry);
        assertThat(dry.out(), containsString("library items             0        5        0"));

        // the missing page turns up: importing again repairs the download it had to add as failed
        Files.write(original.resolve("pages/dl-damaged/page_002.png"), OriginalFixture.image("png", "dl-damaged/2"));
        Result repaired = run(original, dataDir, "manga.db", "--downloads", "pages");
        assertEquals(0, repaired.status(), "everything is carried now: " + repaired);
        assertThat(repaired.out(), containsString("downloads                 1        3        0"));
        assertThat(repaired.out(), containsString("downloaded pages          2        3        0"));
        assertTrue(Files.isRegularFile(dataDir.resolve("downloads/dl-damaged/page_002.png")));

        Result refused = run(original, dataDir, "nothing.db");
        assertEquals(2, refused.status(), refused.toString());
        assertThat(refused.err(), containsString(original.resolve("nothing.db") + " does not exist"));
    }

    private record Result(int status, String out, String err) {
    }

    private static Result run(Path workingDir, Path dataDir, String... args) throws IOException, InterruptedException {
        ProcessBuilder process = new ProcessBuilder(concat(SCRIPT.toString(), args)).directory(workingDir.toFile());
        Map<String, String> env = process.environment();
        env.remove("JAVA_HOME");
        env.remove("JAMRA_CONFIG");
        env.remove("JAVA_OPTS");
        env.put("DATA_DIR", dataDir.toString());
        Path out = Files.createTempFile("import-out", ".txt");
        Path err = Files.createTempFile("import-err", ".txt");
        Process started = process.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!started.waitFor(120, TimeUnit.SECONDS)) {
            started.destroyForcibly();
            throw new AssertionError("bin/import-jamra did not finish in 120 s");
        }
        return new Result(started.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> concat(String first, String... rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), java.util.Arrays.stream(rest))
                .toList();
    }
}
