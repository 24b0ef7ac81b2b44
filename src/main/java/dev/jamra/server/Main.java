package dev.jamra.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.jamra.server.downloads.DownloadService;
import dev.jamra.server.downloads.DownloadSettings;
import dev.jamra.server.downloads.DownloadsHttpService;
import dev.jamra.server.downloads.LibraryItemRef;
import dev.jamra.server.downloads.LibraryItems;
import dev.jamra.server.events.EventPublisher;
import dev.jamra.server.health.HealthService;
import dev.jamra.server.library.LibraryHttpService;
import dev.jamra.server.library.LibraryRepository;
import dev.jamra.server.library.LibraryService;
import dev.jamra.server.library.ProgressRepository;
import dev.jamra.server.library.ProgressService;
import dev.jamra.server.metrics.ServerMetrics;
import dev.jamra.server.reader.ReaderHttpService;
import dev.jamra.server.reader.ReaderService;
import dev.jamra.server.settings.SettingsHttpService;
import dev.jamra.server.settings.SettingsRepository;
import dev.jamra.server.settings.SettingsService;
import dev.jamra.server.sources.PageFetcher;
import dev.jamra.server.sources.PageResponses;
import dev.jamra.server.sources.SourceRegistry;
import dev.jamra.server.sources.SourcesHttpService;
import dev.jamra.server.storage.Database;
import dev.jamra.server.web.CorsFilter;
import dev.jamra.server.web.ErrorHandling;
import dev.jamra.server.web.HostFilter;
import dev.jamra.server.web.JsonDirectHandler;
import dev.jamra.server.web.OriginPolicy;
import dev.jamra.server.web.ServerInfoService;
import dev.jamra.server.websocket.EventChannel;
import dev.jamra.server.websocket.WebSocketSettings;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.websocket.WsConfig;

/**
 * Starts the JAMRA server: one virtual-thread web server answering the REST API and the WebSocket event
 * channel on the same port.
 */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    /** Short environment variables and the configuration keys they set. */
    private static final Map<String, String> SHORT_ENV_NAMES = Map.of(
            "PORT", "server.port",
            "HOST", "server.host",
            "DATA_DIR", "data-dir",
            "LOCAL_LIBRARY_DIR", "sources.local.dir",
            "ALLOWED_HOSTS", "server.allowed-hosts");

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        WebServerConfig.Builder builder = WebServer.builder().shutdownHook(false);
        Application app = setup(builder);
        WebServer server = builder.build().start();
        // Our own hook instead of Helidon's: WebSocket clients must get their close frame before the port closes.
        io.helidon.Main.addShutdownHandler(app::stop);
        LOG.log(Level.INFO, "JAMRA server ready on http://" + builder.host() + ":" + server.port());
    }

    /**
     * The configuration: system properties, then the short environment variables ({@code PORT}, {@code HOST},
     * {@code DATA_DIR}, {@code LOCAL_LIBRARY_DIR}, {@code ALLOWED_HOSTS} as a comma-separated list), then other
     * environment variables ({@code SERVER_PORT} for {@code server.port}...), then the file named by
     * {@code JAMRA_CONFIG}, then the built-in {@code application.yaml}. Earlier sources win.
     */
    static Config loadConfig(Map<String, String> env) {
        Map<String, String> overrides = new HashMap<>();
        SHORT_ENV_NAMES.forEach((variable, key) -> {
            String value = env.get(variable);
            if (value != null && !value.isBlank()) {
                overrides.put(key, value.trim());
            }
        });
        Config.Builder config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.systemProperties())
                .addSource(ConfigSources.create(overrides))
                .addSource(ConfigSources.environmentVariables());
        String file = env.get("JAMRA_CONFIG");
        if (file != null && !file.isBlank()) {
            config.addSource(ConfigSources.file(file.trim()));
        }
        return config.addSource(ConfigSources.classpath("application.yaml")).build();
    }

    /** Wires the server with the configuration of {@link #loadConfig}; what {@link #main} runs. */
    public static Application setup(WebServerConfig.Builder server) {
        return setup(server, loadConfig(System.getenv()));
    }

    /**
     * Wires every feature into {@code server}: the one place that reads the configuration root. Tests call it
     * with their own configuration, so a test server is the real server.
     */
    public static Application setup(WebServerConfig.Builder server, Config config) {
        Config serverConfig = config.get("server");
        server.config(serverConfig)
                .directHandlers(JsonDirectHandler.all());
        List<String> allowedHosts = serverConfig.get("allowed-hosts").asList(String.class).orElse(List.of());
        Path dataDir = createDirectories(Path.of(config.get("data-dir").asString().orElse("./data")));
        Clock clock = Clock.systemUTC();

        WebSocketSettings webSocket = WebSocketSettings.from(config.get("websocket"));
        EventChannel channel = new EventChannel(webSocket, clock);
        // one list of trusted pages, for WebSocket upgrades and cross-origin REST calls alike
        OriginPolicy origins = new OriginPolicy(webSocket.allowedOrigins());
        Application app = new Application(channel);
        ServerMetrics metrics = app.closeOnStop(ServerMetrics.create());
        metrics.meter(channel);
        EventPublisher events = metrics.counting(app.events());
        Database database = app.closeOnStop(Database.open(dataDir));
        LibraryRepository libraryRepository = new LibraryRepository();
        LibraryService library = new LibraryService(database, libraryRepository, events, clock);
        ProgressService progress = new ProgressService(database, libraryRepository, new ProgressRepository(), clock);
        SettingsService settings = new SettingsService(database, new SettingsRepository(), clock);

        SourceRegistry sources = SourceRegistry.load(config.get("sources"), dataDir);
        DownloadSettings downloadSettings = DownloadSettings.from(config.get("downloads"));
        PageFetcher fetcher = app.closeOnStop(new PageFetcher(downloadSettings.fetch()));
        PageResponses pageResponses = PageResponses.create(fetcher, dataDir.resolve("tmp"));
        LibraryItems libraryItems = id -> library.find(id)
                .map(item -> new LibraryItemRef(item.id(), item.mangaId(), item.extensionId()));
        DownloadService downloads = app.closeOnStop(DownloadService.start(downloadSettings, database,
                dataDir.resolve("downloads"), libraryItems, sources, fetcher, events, clock));
        // an item's downloads stop and their files go before the item (and, by cascade, their rows) does
        library.onRemove(downloads::removeAllFor);
        ReaderService reader = new ReaderService(libraryItems, sources, downloads);

        server.addFeature(metrics.feature())
                .addProtocol(WsConfig.builder()
                        .name("websocket")
                        .maxFrameLength(webSocket.maxMessageSize())
                        .build())
                .routing(routing -> {
                    routing.addFilter(new HostFilter(allowedHosts))
                            .addFilter(new CorsFilter(origins))
                            .addFilter(channel.upgradeFilter(origins))
                            .addFeature(app)
                            .register("/", new ServerInfoService())
                            .register("/health", new HealthService(List.of(database), channel::stats, clock))
                            .register("/api/library", new LibraryHttpService(library, progress))
                            .register("/api/settings", new SettingsHttpService(settings))
                            .register("/api/extensions", new SourcesHttpService(sources, pageResponses))
                            .register("/api/downloads", new DownloadsHttpService(downloads))
                            .register("/api/reader", new ReaderHttpService(reader, pageResponses));
                    ErrorHandling.register(routing);
                })
                .addRouting(channel.routing());
        return app;
    }

    private static Path createDirectories(Path dir) {
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the data folder " + dir.toAbsolutePath(), e);
        }
    }
}
