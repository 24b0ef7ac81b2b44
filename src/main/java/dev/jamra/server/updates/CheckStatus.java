package dev.jamra.server.updates;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The state of the last check for new chapters: whether it runs, how many of its items it has checked, when it
 * started and ended, and the items it could not check. Before any check, nothing started and nothing checked.
 */
public record CheckStatus(boolean running, int checked, int total, Optional<Instant> startedAt,
                          Optional<Instant> finishedAt, List<CheckError> errors) {

    static final CheckStatus NEVER = new CheckStatus(false, 0, 0, Optional.empty(), Optional.empty(), List.of());

    public CheckStatus {
        Objects.requireNonNull(startedAt, "startedAt");
        Objects.requireNonNull(finishedAt, "finishedAt");
        errors = List.copyOf(errors);
    }
}
