package dev.jamra.server.sources;

/**
 * Who a thread's calls to sources are for. A download's worker marks its thread as background work: no person
 * waits on its answer, so a source may let it wait for its turn as long as it must and serve it first (MangaDex
 * does, under its rate limits). Every other call is taken for a person waiting on a REST answer. A thread-local
 * mark, since the plug-in interface ({@link MangaSource}) has no parameter for it; it is set for a worker's whole
 * life.
 */
public final class SourceCalls {
    private static final ThreadLocal<Boolean> BACKGROUND = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private SourceCalls() {
    }

    /** From now on, the calls of this thread are background work. */
    public static void markBackground() {
        BACKGROUND.set(Boolean.TRUE);
    }

    /** Whether the calls of this thread are background work. */
    public static boolean inBackground() {
        return BACKGROUND.get();
    }
}
