package dev.jamra.server;

import java.lang.System.Logger.Level;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.function.Consumer;

import dev.jamra.server.cbz.CbzHttpService;
import dev.jamra.server.cbz.ChapterExporter;
import dev.jamra.server.config.ServerConfig;
import dev.jamra.server.downloads.DownloadService;
import dev.jamra.server.downloads.DownloadSettings;
import dev.jamra.server.downloads.DownloadsHttpService;
import dev.jamra.server.downloads.LibraryItemLookup;
import dev.jamra.server.downloads.LibraryItemRef;
import dev.jamra.server.events.AsyncApiService;
import dev.jamra.server.events.EventPublisher;
import dev.jamra.server.health.HealthCheck;
import dev.jamra.server.health.HealthService;
import dev.jamra.server.helidon.ChannelEndpoints;
import dev.jamra.server.helidon.HeadRequests;
import dev.jamra.server.helidon.RouteTable;
import dev.jamra.server.helidon.UpgradeFilter;
import dev.jamra.server.importer.FirstStartImport;
import dev.jamra.server.library.LibraryBrowser;
import dev.jamra.server.library.LibraryHttpService;
import dev.jamra.server.library.LibraryRepository;
import dev.jamra.server.library.LibraryService;
import dev.jamra.server.library.ProgressRepository;
import dev.jamra.server.library.ProgressService;
import dev.jamra.server.metrics.ServerMetrics;
import dev.jamra.server.opds.OpdsAccess;
import dev.jamra.server.opds.OpdsHttpService;
import dev.jamra.server.opds.OpdsSettings;
import dev.jamra.server.reader.ReaderHttpService;
import dev.jamra.server.reader.ReaderPages;
import dev.jamra.server.reader.ReaderService;
import dev.jamra.server.settings.SettingsHttpService;
import dev.jamra.server.settings.SettingsRepository;
import dev.jamra.server.settings.SettingsService;
import dev.jamra.server.sources.CatalogHttpService;
import dev.jamra.server.sources.InstallerHttpService;
import dev.jamra.server.sources.OutboundGuard;
import dev.jamra.server.sources.PageFetcher;
import dev.jamra.server.sources.PageSender;
import dev.jamra.server.sources.SourceCovers;
import dev.jamra.server.sources.SourceRegistry;
import dev.jamra.server.sources.SourcesHttpService;
import dev.jamra.server.storage.DataFolder;
import dev.jamra.server.storage.DataFolderLock;
import dev.jamra.server.storage.Database;
import dev.jamra.server.storage.DatabaseOpening;
import dev.jamra.server.system.SystemHttpService;
import dev.jamra.server.updates.LibraryUpdates;
import dev.jamra.server.updates.UpdateRepository;
import dev.jamra.server.updates.UpdateSchedule;
import dev.jamra.server.updates.UpdateSettings;
import dev.jamra.server.updates.UpdatesHttpService;
import dev.jamra.server.web.CorsFilter;
import dev.jamra.server.web.ErrorHandling;
import dev.jamra.server.web.HostFilter;
import dev.jamra.server.web.JsonDirectHandler;
import dev.jamra.server.web.OriginPolicy;
import dev.jamra.server.web.ServerInfoService;
import dev.jamra.server.websocket.EventChannel;
import dev.jamra.server.websocket.WebSocketSettings;
import dev.jamra.server.websocket.history.RetentionSettings;

import io.helidon.config.Config;
import io.helidon.logging.common.LogConfig;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;

/**
 * Starts the JAMRA server: one virtual-thread web server answering the REST API and the WebSocket event
 * channel on the same port.
 */
public final class Main {
    private static final System.Logger LOG = System.getLogger(Main.class.getName());

    private Main() {
    }

    public static void main(String[] args) {
        LogConfig.configureRuntime();
        WebServerConfig.Builder builder = WebServer.builder().shutdownHook(false);
        ServerLifecycle lifecycle = setup(builder);
        // a stop asked for over HTTP ends the process, as a signal does
        lifecycle.afterRequestedStop(() -> System.exit(0));
        WebServer server = builder.build().start();
        // Our own hook instead of Helidon's: WebSocket clients must get their close frame before the port closes.
        io.helidon.Main.addShutdownHandler(lifecycle::stop);
        LOG.log(Level.INFO, "JAMRA server ready on http://" + builder.host() + ":" + server.port());
    }

    /** Wires the server with the configuration of its environment ({@link ServerConfig}); what {@link #main} runs. */
    public static ServerLifecycle setup(WebServerConfig.Builder server) {
        return setup(server, ServerConfig.load(System.getenv()));
    }

    /**
     * Wires every feature into {@code server}: the one place that reads the configuration root. Tests call it
     * with their own configuration, so a test server is the real server.
     */
    public static ServerLifecycle setup(WebServerConfig.Builder server, Config config) {
        return setup(server, config, routing -> { });
    }

    /**
     * Wires every feature as {@link #setup(WebServerConfig.Builder, Config)} does and puts their HTTP routes, with
     * the same filters and error handling, on {@code routing}: for tests that call the handlers without a socket
     * (through Helidon's {@code DirectClient}). The event channel and {@code /metrics} need a real server and are not
     * part of it.
     */
    public static ServerLifecycle routing(HttpRouting.Builder routing, Config config) {
        return setup(WebServer.builder(), config, rest -> rest.accept(routing));
    }

    /**
     * Wires the server as {@link #setup(WebServerConfig.Builder, Config)} does, and hands {@code restRouting} the
     * setup of the HTTP routing, which it may run on a builder of its own to list every route (the OpenAPI check
     * does). {@code /openapi} itself is served by helidon-openapi's feature, found on the class path, from
     * {@code META-INF/openapi.yml}.
     */
    static ServerLifecycle setup(WebServerConfig.Builder server, Config config,
                                 Consumer<Consumer<HttpRouting.Builder>> restRouting) {
        Config serverConfig = config.get("server");
        server.config(serverConfig)
                .directHandlers(JsonDirectHandler.all());
        List<String> allowedHosts = serverConfig.get("allowed-hosts").asList(String.class).orElse(List.of());
        DataFolder dataFolder = DataFolder.create(ServerConfig.dataFolder(config));
        Path dataDir = dataFolder.root();
        Clock clock = Clock.systemUTC();

        WebSocketSettings webSocket = WebSocketSettings.from(config.get("websocket"));
        EventChannel channel = EventChannel.start(webSocket,
                RetentionSettings.from(config.get("websocket").get("retention")), clock);
        // one list of trusted pages, for WebSocket upgrades and cross-origin REST calls alike
        OriginPolicy origins = new OriginPolicy(webSocket.allowedOrigins(), allowedHosts);
        ServerLifecycle lifecycle = new ServerLifecycle(channel);
        // one server per data folder: a second one, or an import, must not write under it
        lifecycle.closeOnStop(DataFolderLock.acquire(dataDir));
        // on the original's data folder, jamra.db is built with its data (or marked for a later import) first
        FirstStartImport firstStart = FirstStartImport.of(dataDir, dataFolder.downloads());
        firstStart.beforeOpening();
        // Opening the database (its native library, the migrations) takes as long as the metrics' set-up: on a
        // second core, the two run side by side and the server is up sooner.
        DatabaseOpening opening = DatabaseOpening.start(dataDir);
        ServerMetrics metrics = lifecycle.closeOnStop(ServerMetrics.create());
        metrics.meter(channel);
        EventPublisher events = metrics.counting(channel);
        Database database = lifecycle.closeOnStop(opening.await());
        firstStart.afterOpening(database);
        LibraryRepository libraryRepository = new LibraryRepository();
        UpdateRepository updateRows = new UpdateRepository();
        LibraryService library = new LibraryService(database, libraryRepository, updateRows, events, clock);
        ProgressRepository progressRepository = new ProgressRepository();
        ProgressService progress = new ProgressService(database, libraryRepository, progressRepository, library,
                events, clock);
        SettingsService settings = new SettingsService(database, new SettingsRepository(), clock);

        DownloadSettings downloadSettings = DownloadSettings.from(config.get("downloads"));
        // one guard for every request the server sends out: page fetches and the sources' own APIs
        OutboundGuard outbound = OutboundGuard.create(downloadSettings.fetch().allowPrivateNetworks());
        SourceRegistry sources = lifecycle.closeOnStop(SourceRegistry.load(config.get("sources"), dataDir, outbound));
        PageFetcher fetcher = lifecycle.closeOnStop(new PageFetcher(downloadSettings.fetch(), outbound));
        PageSender pageSender = PageSender.create(fetcher, dataFolder.scratch());
        LibraryItemLookup libraryItems = id -> library.find(id)
                .map(item -> new LibraryItemRef(item.id(), item.mangaId(), item.extensionId()));
        DownloadService downloads = lifecycle.closeOnStop(DownloadService.start(downloadSettings, database,
                dataFolder.downloads(), libraryItems, sources, fetcher, events, clock));
        // an item's downloads stop and their files go before the item (and, by cascade, their rows) does
        library.onRemove(downloads::removeAllFor);
        ReaderService reader = new ReaderService(libraryItems, sources, downloads);
        UpdateSettings updateSettings = UpdateSettings.from(config.get("library"), config.get("downloads"));
        LibraryUpdates updates = lifecycle.closeOnStop(LibraryUpdates.start(updateSettings, database, updateRows,
                library, sources, (item, chapters) -> downloads.enqueueListed(
                        new LibraryItemRef(item.id(), item.mangaId(), item.extensionId()), chapters),
                events, clock));
        progress.onChapterOpened(updates::chapterOpened);
        // stopped before the check it starts, which stops before the sources and the database it uses
        lifecycle.closeOnStop(UpdateSchedule.start(updateSettings, updates::check));
        ReaderPages readerPages = new ReaderPages(reader, pageSender, progress);
        ChapterExporter exporter = new ChapterExporter(library, reader, sources, pageSender);
        // library items added without a cover show the one their source serves itself, if it has one
        SourceCovers covers = new SourceCovers(sources);
        boolean allowShutdown = config.get("system.allow-shutdown").asBoolean().get();
        OpdsSettings opds = OpdsSettings.from(config.get("opds"));
        OpdsHttpService catalog = OpdsHttpService.create(new LibraryBrowser(database, libraryRepository,
                progressRepository), library, sources, downloads, updates, covers::servedCover, readerPages, clock);

        Consumer<HttpRouting.Builder> rest = routing -> {
            routing.addFilter(new HostFilter(allowedHosts))
                    .addFilter(new CorsFilter(origins))
                    .addFilter(new UpgradeFilter(channel, origins, webSocket.maxConnections()))
                    .addFilter(new HeadRequests())
                    .addFilter(new OpdsAccess(opds))
                    .addFeature(lifecycle);
            RouteTable routes = new RouteTable(routing)
                    .register("/", new ServerInfoService())
                    .register(AsyncApiService.PATH, new AsyncApiService())
                    .register("/health", new HealthService(
                            List.of(new HealthCheck("storage", database::problem)), channel::stats, clock))
                    // before /api/library, whose /{id} would take "updates" for an item's id
                    .register("/api/library/updates", new UpdatesHttpService(updates))
                    .register("/api/library", new LibraryHttpService(library, progress, covers::servedCover))
                    .register("/api/library", new CbzHttpService(exporter))
                    .register("/api/settings", new SettingsHttpService(settings))
                    .register("/api/extensions", new SourcesHttpService(sources, pageSender))
                    .register("/api/catalog", new CatalogHttpService(sources))
                    .register("/api/installer", new InstallerHttpService())
                    .register("/api/downloads", new DownloadsHttpService(downloads))
                    .register("/api/reader", new ReaderHttpService(reader, readerPages))
                    .register("/opds", catalog);
            if (allowShutdown) {
                routes.register("/api/system", new SystemHttpService(lifecycle::requestStop));
            }
            ErrorHandling.register(routing, routes);
        };
        restRouting.accept(rest);
        server.addFeature(metrics.feature())
                .routing(rest);
        ChannelEndpoints.install(server, channel, webSocket.maxMessageSize());
        return lifecycle;
    }
}
