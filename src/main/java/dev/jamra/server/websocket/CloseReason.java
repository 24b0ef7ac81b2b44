package dev.jamra.server.websocket;

import java.time.Duration;

/**
 * Why the server closes a connection, as its close frame says it: a code of RFC 6455 section 7.4 and a short
 * text. The codes and fixed texts are part of the protocol (docs/PROTOCOL.md, "Limits and failures"): clients
 * and tests read them.
 */
record CloseReason(int code, String text) {
    static final int NORMAL = 1000;
    static final int GOING_AWAY = 1001;
    static final int NOT_UTF8 = 1007;
    static final int POLICY_VIOLATED = 1008;
    static final int TOO_BIG = 1009;
    static final int TRY_AGAIN_LATER = 1013;

    /** Nothing heard from the client for the idle timeout. */
    static final CloseReason IDLE = new CloseReason(NORMAL, "Idle timeout");
    /** The server stops. */
    static final CloseReason SHUTTING_DOWN = new CloseReason(GOING_AWAY, "Server shutting down");
    /** Its queue stayed full: it does not keep up. */
    static final CloseReason SLOW_CONSUMER = new CloseReason(POLICY_VIOLATED, "slow consumer");
    /** Another connection resumed its session. */
    static final CloseReason RESUMED_ELSEWHERE = new CloseReason(POLICY_VIOLATED, "Session resumed elsewhere");
    /** Not admitted: every place is taken. */
    static final CloseReason NO_ROOM = new CloseReason(TRY_AGAIN_LATER, "Too many connections");
    /** Not admitted: the server is stopping. */
    static final CloseReason NOT_ACCEPTING = new CloseReason(TRY_AGAIN_LATER, "Server shutting down");

    /** A message left unfinished past {@code timeout}. */
    static CloseReason unfinishedMessage(Duration timeout) {
        return new CloseReason(POLICY_VIOLATED, "Message not finished within " + timeout);
    }

    @Override
    public String toString() {
        return code + " " + text;
    }
}
