package dev.jamra.server.sources;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * One deadline for a whole answer, headers and body alike, however slowly an upstream sends it: the exchange runs
 * on a virtual thread of its own, and when the deadline passes (or the caller is interrupted) that thread is
 * interrupted, which closes its socket and ends any read at once. A socket read timeout alone bounds each read,
 * not the answer: an upstream that drips a byte a second would hold it for ever.
 */
public final class AnswerDeadline {
    /** How long an abandoned exchange may take to notice, before the caller goes on without it. */
    private static final Duration WIND_DOWN = Duration.ofSeconds(1);

    private AnswerDeadline() {
    }

    /**
     * The work of one exchange: request, answer, body read to its end. {@code abandoned} says whether the caller
     * has given up on it (past the deadline, or interrupted): what fails then is no failure to report.
     */
    @FunctionalInterface
    public interface Exchange<T> {
        T run(BooleanSupplier abandoned) throws Exception;
    }

    /**
     * Runs {@code exchange} and returns what it gave, or gives up on it once {@code deadline} has passed.
     *
     * @throws TimeoutException     the deadline passed first; the exchange was abandoned
     * @throws ExecutionException   the exchange failed; its cause is what it threw
     * @throws InterruptedException the caller was interrupted; the exchange was abandoned
     */
    public static <T> T within(Duration deadline, Exchange<T> exchange)
            throws TimeoutException, ExecutionException, InterruptedException {
        AtomicBoolean abandoned = new AtomicBoolean();
        Callable<T> work = () -> exchange.run(abandoned::get);
        FutureTask<T> task = new FutureTask<>(work);
        Thread thread = Thread.ofVirtual().name("outbound-exchange").start(task);
        try {
            return task.get(deadline.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException | InterruptedException e) {
            abandoned.set(true);
            task.cancel(true);
            awaitEnd(thread);
            throw e;
        }
    }

    /** Lets the abandoned exchange end (its socket closed by the interrupt), without waiting long for it. */
    private static void awaitEnd(Thread thread) {
        try {
            thread.join(WIND_DOWN);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
