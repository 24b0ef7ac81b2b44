package dev.jamra.server.testing;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.jamra.server.sources.Chapter;
import dev.jamra.server.sources.Manga;
import dev.jamra.server.sources.MangaSource;
import dev.jamra.server.sources.Page;
import dev.jamra.server.sources.SearchPage;
import dev.jamra.server.sources.SourceException;
import dev.jamra.server.sources.SourceInfo;
import dev.jamra.server.sources.SourceNotFoundException;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

/**
 * A remote source plug-in for tests: it reads a {@link PageServer}'s catalog over HTTP, and its pages are
 * {@code http} URLs that the downloader fetches itself. Found by {@code ServiceLoader} like any plug-in.
 */
public final class FixtureSource implements MangaSource {
    static final String ID = "fixture";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;

    public FixtureSource(String baseUrl) {
        this.baseUrl = baseUrl;
    }

    @Override
    public SourceInfo info() {
        return new SourceInfo(ID, "Test fixture site", "0.0.1");
    }

    @Override
    public SearchPage search(String query, int page) {
        return new SearchPage(List.of(), false);
    }

    @Override
    public Manga manga(String mangaId) {
        JsonObject json = get("/catalog/" + mangaId);
        List<Chapter> chapters = new ArrayList<>();
        for (JsonValue chapter : json.getJsonArray("chapters")) {
            JsonObject c = chapter.asJsonObject();
            chapters.add(new Chapter(c.getString("id"), c.getString("number"), null));
        }
        return new Manga(mangaId, json.getString("title"), null, null, chapters);
    }

    @Override
    public List<Page> pages(String mangaId, String chapterId) {
        List<Page> pages = new ArrayList<>();
        for (JsonValue url : get("/catalog/" + mangaId + "/" + chapterId).getJsonArray("pages")) {
            pages.add(new Page(pages.size(), ((jakarta.json.JsonString) url).getString()));
        }
        return pages;
    }

    private JsonObject get(String path) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() == 404) {
                throw new SourceNotFoundException("The site has nothing at " + path);
            }
            if (response.statusCode() != 200) {
                throw new SourceException("The site answered " + response.statusCode() + " for " + path);
            }
            try (JsonReader reader = Json.createReader(new StringReader(response.body()))) {
                return reader.readObject();
            }
        } catch (IOException e) {
            throw new SourceException("The site cannot be reached: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SourceException("Interrupted", e);
        }
    }
}
