package dev.jamra.server;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.jamra.server.web.OriginPolicy;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every default is written once, in {@code src/main/resources/application.yaml}; the Java settings records read
 * it without fallbacks of their own. The commented example {@code etc/jamra.yaml} and the README's configuration
 * table repeat the values for people, so this test holds them to the built-in file, key by key.
 */
class ConfigurationDefaultsTest {
    /** Settings the built-in file leaves out, whose default the code decides, with the README's wording. */
    private static final Map<String, String> DECIDED_IN_CODE = Map.of(
            "server.allowed-hosts", "none",                        // only loopback names
            "sources.local.dir", "<data-dir>/local",               // follows data-dir
            "websocket.allowed-origins", "see below",              // OriginPolicy.DEFAULT_PATTERNS
            "opds.username", "none",                               // no authentication
            "opds.password", "none");
    private static final Pattern README_ROW = Pattern.compile("^\\| (`([^`]+)`)? \\|[^|]*\\| ([^|]+) \\|");

    private static final Map<String, String> BUILT_IN = settings(Config.just(
            ConfigSources.classpath("application.yaml")));
    private static final Map<String, String> EXAMPLE = settings(Config.just(
            ConfigSources.file(Path.of("etc", "jamra.yaml"))));
    private static final Map<String, String> README = readmeTable();

    @Test
    void theExampleFileHasEveryBuiltInDefault() {
        assertHasEveryBuiltInDefault(EXAMPLE, "etc/jamra.yaml");
    }

    @Test
    void theReadmeTableHasEveryBuiltInDefault() {
        assertHasEveryBuiltInDefault(README, "README.md configuration table");
    }

    /** One check per setting, so that every disagreement is reported, not only the first. */
    private static void assertHasEveryBuiltInDefault(Map<String, String> copy, String copyName) {
        assertAll(BUILT_IN.entrySet().stream()
                .map(setting -> (Executable) () -> assertEquals(setting.getValue(), copy.get(setting.getKey()),
                        copyName + ", " + setting.getKey())));
    }

    @Test
    void theExampleFileAndTheReadmeNameNoSettingTheServerDoesNotHave() {
        List<Executable> checks = new ArrayList<>();
        for (String key : EXAMPLE.keySet()) {
            checks.add(() -> assertTrue(BUILT_IN.containsKey(key) || DECIDED_IN_CODE.containsKey(key),
                    "etc/jamra.yaml sets " + key + ", which application.yaml does not have"));
        }
        for (String key : README.keySet()) {
            checks.add(() -> assertTrue(BUILT_IN.containsKey(key) || DECIDED_IN_CODE.containsKey(key),
                    "the README lists " + key + ", which application.yaml does not have"));
        }
        assertAll(checks);
    }

    @Test
    void defaultsDecidedInCodeAreDescribedAlike() {
        assertAll(DECIDED_IN_CODE.entrySet().stream()
                .map(setting -> (Executable) () -> {
                    assertEquals(setting.getValue(), README.get(setting.getKey()), "README.md, " + setting.getKey());
                    assertFalse(BUILT_IN.containsKey(setting.getKey()), "application.yaml, " + setting.getKey());
                }));
        assertEquals(OriginPolicy.DEFAULT_PATTERNS.toString(), EXAMPLE.get("websocket.allowed-origins"),
                "etc/jamra.yaml lists the default origins");
    }

    @Test
    void theFilesAreReadWhole() {
        // guards the parsing above: a table or file read as empty would make every other check pass
        assertTrue(BUILT_IN.size() >= 30, () -> "application.yaml: " + BUILT_IN.keySet());
        assertTrue(README.size() >= 30, () -> "README table: " + README.keySet());
        assertEquals("3000", README.get("server.port"));
        assertEquals("PT2M", EXAMPLE.get("websocket.retention.max-age"));
    }

    /** Every setting below {@code root} and its value; a list is one setting, written {@code [a, b]}. */
    private static Map<String, String> settings(Config root) {
        Map<String, String> settings = new TreeMap<>();
        collect(root, settings);
        return settings;
    }

    private static void collect(Config node, Map<String, String> settings) {
        switch (node.type()) {
            case OBJECT -> node.asNodeList().get().forEach(child -> collect(child, settings));
            case LIST -> settings.put(node.key().toString(), node.asList(String.class).get().toString());
            case VALUE -> settings.put(node.key().toString(), node.asString().get());
            case MISSING -> { }
            default -> throw new IllegalStateException("Unexpected node " + node.key());
        }
    }

    /** The README's configuration table: setting to default, without the backticks around a value. */
    private static Map<String, String> readmeTable() {
        Map<String, String> table = new TreeMap<>();
        Set<String> repeated = new TreeSet<>();
        try {
            boolean inSection = false;
            for (String line : Files.readAllLines(Path.of("README.md"))) {
                if (line.startsWith("## ")) {
                    inSection = line.equals("## Configuration");
                }
                Matcher row = README_ROW.matcher(line);
                // rows without a setting name environment-only variables such as JAMRA_CONFIG
                if (inSection && row.find() && row.group(2) != null) {
                    String value = row.group(3).trim();
                    if (value.length() > 1 && value.startsWith("`") && value.endsWith("`")) {
                        value = value.substring(1, value.length() - 1);
                    }
                    if (table.put(row.group(2), value) != null) {
                        repeated.add(row.group(2));
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read README.md", e);
        }
        assertTrue(repeated.isEmpty(), "README lists twice: " + repeated);
        return table;
    }
}
