package dev.jamra.server.sources;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One deadline for an exchange: its answer, its failure, and an exchange abandoned (and interrupted) past it. */
class AnswerDeadlineTest {

    @Test
    void anExchangeWithinTheDeadlineGivesItsAnswer() throws Exception {
        assertEquals("answer", AnswerDeadline.within(Duration.ofSeconds(10), abandoned -> "answer"));
    }

    @Test
    void aFailedExchangeGivesItsFailure() {
        IOException failure = new IOException("reset");
        ExecutionException thrown = assertThrows(ExecutionException.class,
                () -> AnswerDeadline.within(Duration.ofSeconds(10), abandoned -> {
                    throw failure;
                }));
        assertEquals(failure, thrown.getCause());
    }

    @Test
    void anExchangePastTheDeadlineIsAbandonedAndInterrupted() throws Exception {
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicBoolean toldAbandoned = new AtomicBoolean();
        assertThrows(TimeoutException.class, () -> AnswerDeadline.within(Duration.ofMillis(50), abandoned -> {
            try {
                Thread.sleep(Duration.ofMinutes(5));  // a read that would go on for ever
                return "too late";
            } catch (InterruptedException e) {
                Thread.sleep(Duration.ofMillis(100));  // winding down (closing a socket) takes a moment
                toldAbandoned.set(abandoned.getAsBoolean());
                interrupted.countDown();
                throw e;
            }
        }));
        assertTrue(toldAbandoned.get(), "the exchange knew it was abandoned");
        assertEquals(0, interrupted.getCount(), "the exchange was interrupted, and had ended when the call returned");
    }

    @Test
    void anInterruptedCallerAbandonsTheExchange() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch interrupted = new CountDownLatch(1);
        AtomicReference<Exception> outcome = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                AnswerDeadline.within(Duration.ofMinutes(5), abandoned -> {
                    started.countDown();
                    try {
                        Thread.sleep(Duration.ofMinutes(5));
                        return "too late";
                    } catch (InterruptedException e) {
                        interrupted.countDown();
                        throw e;
                    }
                });
            } catch (Exception e) {
                outcome.set(e);
            }
        });
        assertTrue(started.await(10, TimeUnit.SECONDS));
        caller.interrupt();
        assertTrue(caller.join(Duration.ofSeconds(10)));
        assertInstanceOf(InterruptedException.class, outcome.get());
        assertTrue(interrupted.await(10, TimeUnit.SECONDS), "the exchange's thread was interrupted");
    }

    @Test
    void anInterruptWhileAnAbandonedExchangeWindsDownIsKeptForTheCaller() throws Exception {
        CountDownLatch windingDown = new CountDownLatch(1);
        AtomicReference<String> outcome = new AtomicReference<>();
        Thread caller = Thread.ofVirtual().start(() -> {
            try {
                AnswerDeadline.within(Duration.ofMillis(50), abandoned -> {
                    try {
                        Thread.sleep(Duration.ofMinutes(5));
                    } catch (InterruptedException e) {
                        windingDown.countDown();
                        Thread.sleep(Duration.ofSeconds(3));  // slower to end than the caller waits
                    }
                    return "too late";
                });
            } catch (Exception e) {
                outcome.set(e.getClass().getSimpleName() + ", interrupted: " + Thread.currentThread().isInterrupted());
            }
        });
        assertTrue(windingDown.await(10, TimeUnit.SECONDS));
        caller.interrupt();
        assertTrue(caller.join(Duration.ofSeconds(10)));
        assertEquals("TimeoutException, interrupted: true", outcome.get());
    }
}
