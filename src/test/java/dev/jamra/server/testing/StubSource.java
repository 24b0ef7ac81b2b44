package dev.jamra.server.testing;

import java.util.List;

import dev.jamra.server.sources.Manga;
import dev.jamra.server.sources.MangaSource;
import dev.jamra.server.sources.Page;
import dev.jamra.server.sources.SearchPage;
import dev.jamra.server.sources.SourceInfo;
import dev.jamra.server.sources.SourceNotFoundException;

/**
 * A source that has nothing, for tests of one of its methods: they override that one. Its search finds nothing,
 * it knows no manga and lists no pages.
 */
public class StubSource implements MangaSource {
    private final String id;

    public StubSource(String id) {
        this.id = id;
    }

    @Override
    public SourceInfo info() {
        return new SourceInfo(id, id, "1");
    }

    @Override
    public SearchPage search(String query, int page) {
        return new SearchPage(List.of(), false);
    }

    @Override
    public Manga manga(String mangaId) {
        throw new SourceNotFoundException(mangaId);
    }

    @Override
    public List<Page> pages(String mangaId, String chapterId) {
        return List.of();
    }
}
