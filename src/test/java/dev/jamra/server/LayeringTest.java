package dev.jamra.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The layering of the main sources, read from the files themselves (imports, and names written out in full in
 * the code): Helidon's WebSocket and internal types stay in the {@code helidon} package, the channel's hub knows
 * nothing of Helidon, and its sub-packages depend on each other one way only.
 */
class LayeringTest {
    private static final Path SOURCES = Path.of("src", "main", "java");
    private static final String SERVER = "dev.jamra.server.";

    /** The one package that may reach into Helidon's WebSocket support and internals: the adapter. */
    private static final String ADAPTER = SERVER + "helidon";

    /**
     * What only the adapter may use, and why: each is either Helidon's WebSocket support, which the channel sees
     * only through the adapter, or a part of Helidon's server that is not its public API (an SPI marked
     * internal, or what connections are made of), which an upgrade of Helidon may change under us.
     */
    private static final Map<String, String> ADAPTER_ONLY = Map.of(
            "io.helidon.webserver.websocket", "Helidon's WebSocket server: endpoints, upgrades, its configuration",
            "io.helidon.websocket", "Helidon's WebSocket sessions, listeners, frames and close codes",
            "io.helidon.webserver.spi", "the server's SPI: its connections, as the adapter cuts them",
            "io.helidon.webserver.http1", "HTTP/1 internals, and the upgrade SPI the adapter's provider plugs into",
            "io.helidon.common.socket", "the sockets under Helidon's connections",
            "io.helidon.common.buffers", "the byte buffers Helidon's connections read and write",
            "io.helidon.webserver.ConnectionContext", "a connection's internals: its raw reader and writer",
            "io.helidon.webserver.ListenerContext", "a server socket's internals",
            "io.helidon.webserver.ProtocolConfigs", "the protocol configuration upgrade providers are made with",
            "io.helidon.webserver.ProxyProtocolData", "a connection's internals");
    // Not listed: io.helidon.webclient.spi, whose DnsResolver is the web client's published extension point for
    // name resolution (sources.GuardedResolver implements it), not a part of Helidon's internals.

    /** The channel's hub: it knows nothing of Helidon but how configuration is read. */
    private static final String HUB = SERVER + "websocket";
    private static final Set<String> HUB_MAY_USE_OF_HELIDON = Set.of("io.helidon.config");

    /** What each package of the hub may import of the others; none imports back up. */
    private static final Map<String, Set<String>> HUB_LAYERS = Map.of(
            HUB, Set.of(HUB + ".delivery", HUB + ".history", HUB + ".incoming", HUB + ".time"),
            HUB + ".history", Set.of(HUB + ".delivery"),
            HUB + ".delivery", Set.of(),
            HUB + ".incoming", Set.of(),
            HUB + ".time", Set.of());

    /** Short enough to read in one sitting. */
    private static final int HUB_FILE_LINES = 300;

    private static final Pattern PACKAGE = Pattern.compile("^package ([\\w.]+);", Pattern.MULTILINE);
    /** A name written out in full: packages in lower case, then a type. */
    private static final Pattern QUALIFIED = Pattern.compile("\\b((?:io\\.helidon|dev\\.jamra)(?:\\.[a-z]\\w*)+)"
                                                             + "\\.([A-Z]\\w*)");
    /** A whole package imported: {@code import io.helidon.websocket.*;}. */
    private static final Pattern WHOLE_PACKAGE = Pattern.compile("^import\\s+(?:static\\s+)?([\\w.]+)\\.\\*;",
            Pattern.MULTILINE);
    private static final Pattern COMMENTS_AND_STRINGS = Pattern.compile(
            "/\\*.*?\\*/|//[^\\n]*|\"(?:\\\\.|[^\"\\\\\\n])*\"", Pattern.DOTALL);

    /** A main source file: its package and the types it names in full. */
    private record Source(Path file, String pkg, Set<String> types, long lines) {
    }

    private static List<Source> sources() {
        try (Stream<Path> files = Files.walk(SOURCES)) {
            List<Source> sources = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                String text = Files.readString(file);
                Matcher pkg = PACKAGE.matcher(text);
                if (!pkg.find()) {
                    throw new AssertionError(file + " has no package");
                }
                Set<String> types = new TreeSet<>();
                String code = COMMENTS_AND_STRINGS.matcher(text).replaceAll(" ");
                Matcher qualified = QUALIFIED.matcher(code);
                while (qualified.find()) {
                    types.add(qualified.group(1) + "." + qualified.group(2));
                }
                Matcher wholePackage = WHOLE_PACKAGE.matcher(code);
                while (wholePackage.find()) {
                    types.add(wholePackage.group(1) + ".*");
                }
                sources.add(new Source(file, pkg.group(1), types, text.lines().count()));
            }
            return sources;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String packageOf(String type) {
        return type.substring(0, type.lastIndexOf('.'));
    }

    private static boolean within(String name, String prefix) {
        return name.equals(prefix) || name.startsWith(prefix + ".");
    }

    @Test
    void onlyTheAdapterUsesHelidonsWebSocketSupportOrItsInternals() {
        List<String> breaches = new ArrayList<>();
        for (Source source : sources()) {
            if (within(source.pkg(), ADAPTER)) {
                continue;
            }
            for (String type : source.types()) {
                ADAPTER_ONLY.forEach((forbidden, why) -> {
                    if (within(type, forbidden)) {
                        breaches.add(source.file() + " uses " + type + " (" + why + "): only " + ADAPTER + " may");
                    }
                });
            }
        }
        assertEquals(List.of(), breaches);
    }

    @Test
    void theHubKnowsNothingOfHelidonAndItsLayersDependOneWay() {
        List<String> breaches = new ArrayList<>();
        for (Source source : sources()) {
            if (!within(source.pkg(), HUB)) {
                continue;
            }
            for (String type : source.types()) {
                String pkg = packageOf(type);
                if (type.startsWith("io.helidon.") && HUB_MAY_USE_OF_HELIDON.stream().noneMatch(p -> within(pkg, p))) {
                    breaches.add(source.file() + " uses " + type + ": the hub knows nothing of Helidon");
                }
                if (within(pkg, ADAPTER)) {
                    breaches.add(source.file() + " uses " + type + ": the adapter uses the hub, not the other way");
                }
                Set<String> below = HUB_LAYERS.getOrDefault(source.pkg(), Set.of());
                if (within(pkg, HUB) && !pkg.equals(source.pkg()) && !below.contains(pkg)) {
                    breaches.add(source.file() + " uses " + type + ": " + source.pkg() + " may use only " + below);
                }
            }
            if (source.lines() >= HUB_FILE_LINES) {
                breaches.add(source.file() + " has " + source.lines() + " lines: keep the hub's files under "
                             + HUB_FILE_LINES);
            }
        }
        assertEquals(List.of(), breaches);
    }

    @Test
    void everyPackageOfTheHubHasItsLayer() {
        Set<String> hubPackages = new TreeSet<>();
        sources().stream().map(Source::pkg).filter(pkg -> within(pkg, HUB)).forEach(hubPackages::add);
        assertEquals(new TreeSet<>(HUB_LAYERS.keySet()), hubPackages, "a new package of the hub needs its place");
    }
}
