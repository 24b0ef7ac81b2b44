package dev.jamra.server.events;

import java.util.Objects;
import java.util.Optional;

/**
 * First message on every connection: confirms the session and names it, the server run ({@code epoch}) and the
 * last broadcast published before the connection joined ({@code seq}); when the client asked to resume a
 * session, {@code resume} says how that went.
 */
public record Connected(String message, String sessionId, String epoch, long seq, Optional<Resume> resume)
        implements SessionEvent {

    /** The greeting the renderer expects. */
    public static final String GREETING = "Connected to manga reader server";

    /**
     * The answer to a resume request: either resumed with {@code replayed} broadcasts, or not, for
     * {@code reason}.
     */
    public record Resume(boolean resumed, int replayed, Optional<ResumeRefusal> reason) {
        public Resume {
            Objects.requireNonNull(reason, "reason");
            if (resumed == reason.isPresent()) {
                throw new IllegalArgumentException("a resume has a reason exactly when it is refused");
            }
            FieldChecks.atLeast(replayed, 0, "replayed");
        }

        public static Resume resumed(int replayed) {
            return new Resume(true, replayed, Optional.empty());
        }

        public static Resume refused(ResumeRefusal reason) {
            return new Resume(false, 0, Optional.of(reason));
        }
    }

    public Connected {
        FieldChecks.nonEmpty(message, "message");
        FieldChecks.nonEmpty(sessionId, "sessionId");
        FieldChecks.nonEmpty(epoch, "epoch");
        if (seq < 0) {
            throw new IllegalArgumentException("seq must not be negative, was " + seq);
        }
        Objects.requireNonNull(resume, "resume");
    }

    /** The greeting of session {@code sessionId}; {@code resume} when the client asked to resume one. */
    public static Connected session(String sessionId, String epoch, long seq, Optional<Resume> resume) {
        return new Connected(GREETING, sessionId, epoch, seq, resume);
    }

    @Override
    public String name() {
        return EventNames.CONNECT;
    }
}
