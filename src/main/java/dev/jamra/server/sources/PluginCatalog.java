package dev.jamra.server.sources;

import java.util.List;

import dev.jamra.server.storage.IsoTime;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;

import static dev.jamra.server.web.JsonFactory.JSON;

/**
 * The JSON shapes of the installed sources: the extension records of {@code /api/extensions} and the entries and
 * repository of {@code /api/catalog}, shaped as the reader's contracts ({@code ExtensionRecord},
 * {@code CatalogEntry}, {@code CatalogRepoSource}) expect. The catalog describes the plug-ins this server has,
 * found with {@code ServiceLoader} at start; there is no remote catalog.
 */
final class PluginCatalog {
    /** The one catalog repository: the plug-ins on this server's class path. */
    static final String REPO_ID = "java-plugins";

    private PluginCatalog() {
    }

    static JsonObject extension(MangaSource source) {
        SourceInfo info = source.info();
        SourceOrigin origin = SourceOrigin.of(source);
        return JSON.createObjectBuilder()
                .add("id", info.id())
                .add("slug", info.id())
                .add("name", info.name())
                .add("version", info.version())
                .add("repoSource", origin.repoSource())
                .add("installPath", origin.installPath())
                .add("enabled", true)
                .add("installedAt", IsoTime.format(origin.installedAt()))
                .add("manifest", manifest(source))
                .build();
    }

    /** The manifest of a plug-in, with the fields the original's manifests had that a Java plug-in can fill. */
    private static JsonObject manifest(MangaSource source) {
        SourceInfo info = source.info();
        JsonObjectBuilder manifest = JSON.createObjectBuilder()
                .add("id", info.id())
                .add("name", info.name())
                .add("version", info.version());
        addIfPresent(manifest, "description", info.description());
        addIfPresent(manifest, "language", info.language());
        return manifest.add("entry", source.getClass().getName()).build();
    }

    static JsonObject entries(List<MangaSource> sources) {
        JsonArrayBuilder entries = JSON.createArrayBuilder();
        for (MangaSource source : sources) {
            entries.add(entry(source));
        }
        return JSON.createObjectBuilder().add("entries", entries).build();
    }

    private static JsonObject entry(MangaSource source) {
        SourceInfo info = source.info();
        SourceOrigin origin = SourceOrigin.of(source);
        String installed = IsoTime.format(origin.installedAt());
        JsonObjectBuilder entry = JSON.createObjectBuilder()
                .add("id", info.id())
                .add("repoId", REPO_ID)
                .add("slug", info.id())
                .add("name", info.name())
                .add("version", info.version())
                .add("archiveUrl", "classpath:" + origin.installPath());
        addIfPresent(entry, "language", info.language());
        addIfPresent(entry, "description", info.description());
        return entry.add("createdAt", installed).add("updatedAt", installed).build();
    }

    /** What a catalog sync reports: every plug-in is current, none was removed. */
    static JsonObject syncResult(int entries) {
        JsonObject repo = JSON.createObjectBuilder()
                .add("id", REPO_ID)
                .add("name", "Java plug-ins of this server")
                .add("url", "classpath:")
                .add("type", "filesystem")
                .add("lastSyncedAt", IsoTime.format(SourceOrigin.STARTED))
                .build();
        return JSON.createObjectBuilder()
                .add("status", "sync queued")
                .add("repoId", REPO_ID)
                .add("result", JSON.createObjectBuilder()
                        .add("repo", repo)
                        .add("entriesUpdated", entries)
                        .add("entriesRemoved", 0))
                .build();
    }

    private static void addIfPresent(JsonObjectBuilder json, String name, String value) {
        if (value != null) {
            json.add(name, value);
        }
    }
}
