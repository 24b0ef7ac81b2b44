package dev.jamra.server.updates;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import dev.jamra.server.sources.Chapter;
import dev.jamra.server.sources.Manga;
import dev.jamra.server.sources.MangaSource;
import dev.jamra.server.sources.Page;
import dev.jamra.server.sources.SearchPage;
import dev.jamra.server.sources.SourceCalls;
import dev.jamra.server.sources.SourceException;
import dev.jamra.server.sources.SourceInfo;
import dev.jamra.server.sources.SourceNotFoundException;

/**
 * A source whose manga and chapters a test writes: chapters come and go, a manga's calls can fail or hang until
 * released, and every call of {@link #latestChapters} is counted. A chapter of manga {@code m} numbered {@code n}
 * has the id {@code m-n} and the title {@code Chapter n}.
 */
final class ScriptedSource implements MangaSource {
    private final String id;
    private final Map<String, List<Chapter>> chapters = new ConcurrentHashMap<>();
    private final Set<String> failing = ConcurrentHashMap.newKeySet();
    private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();
    private final List<String> calls = new CopyOnWriteArrayList<>();
    private final List<Boolean> inBackground = new CopyOnWriteArrayList<>();
    private volatile Duration requestInterval = Duration.ZERO;

    ScriptedSource(String id) {
        this.id = id;
    }

    static String chapterId(String mangaId, String number) {
        return mangaId + "-" + number;
    }

    /** Adds chapters, numbered as given, to the end of the manga (which exists from then on). */
    ScriptedSource add(String mangaId, String... numbers) {
        List<Chapter> list = chapters.computeIfAbsent(mangaId, m -> new CopyOnWriteArrayList<>());
        for (String number : numbers) {
            list.add(new Chapter(chapterId(mangaId, number), number, "Chapter " + number));
        }
        return this;
    }

    /** Adds a chapter without a title. */
    void addUntitled(String mangaId, String number) {
        add(mangaId, new Chapter(chapterId(mangaId, number), number, null));
    }

    /** Adds {@code chapter} as it is, whatever its id. */
    void add(String mangaId, Chapter chapter) {
        chapters.computeIfAbsent(mangaId, m -> new CopyOnWriteArrayList<>()).add(chapter);
    }

    void remove(String mangaId) {
        chapters.remove(mangaId);
    }

    void failing(String mangaId, boolean fails) {
        if (fails) {
            failing.add(mangaId);
        } else {
            failing.remove(mangaId);
        }
    }

    /** The manga's next calls wait until {@link #release}. */
    void hold(String mangaId) {
        held.put(mangaId, new CountDownLatch(1));
    }

    void release(String mangaId) {
        CountDownLatch latch = held.remove(mangaId);
        if (latch != null) {
            latch.countDown();
        }
    }

    void requestInterval(Duration interval) {
        this.requestInterval = interval;
    }

    /** The manga ids {@link #latestChapters} was asked for, in order. */
    List<String> calls() {
        return List.copyOf(calls);
    }

    @Override
    public SourceInfo info() {
        return new SourceInfo(id, "Scripted " + id, "1.0.0");
    }

    @Override
    public SearchPage search(String query, int page) {
        return new SearchPage(List.of(), false);
    }

    @Override
    public Manga manga(String mangaId) {
        List<Chapter> list = chapters.get(mangaId);
        if (list == null) {
            throw new SourceNotFoundException("No manga " + mangaId + " in " + id);
        }
        return new Manga(mangaId, "Manga " + mangaId, null, null, new ArrayList<>(list));
    }

    /** For each call of {@link #latestChapters}, whether its thread was marked as background work. */
    List<Boolean> callsInBackground() {
        return List.copyOf(inBackground);
    }

    @Override
    public List<Chapter> latestChapters(String mangaId) {
        calls.add(mangaId);
        inBackground.add(SourceCalls.inBackground());
        CountDownLatch latch = held.get(mangaId);
        if (latch != null) {
            try {
                if (!latch.await(30, TimeUnit.SECONDS)) {
                    throw new SourceException("held too long");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SourceException("Interrupted", e);
            }
        }
        if (failing.contains(mangaId)) {
            throw new SourceException("The site of " + id + " is down: host.example refused");
        }
        return manga(mangaId).chapters();
    }

    @Override
    public Duration requestInterval() {
        return requestInterval;
    }

    @Override
    public List<Page> pages(String mangaId, String chapterId) {
        throw new SourceNotFoundException("No pages here");
    }
}
