/**
 * What the event channel keeps of its past: the newest broadcasts, the sessions that ended recently with what
 * they held, and the latest event of each download ({@link dev.jamra.server.websocket.history.SessionHistory}),
 * within {@link dev.jamra.server.websocket.history.RetentionSettings}; and what a client asks for to resume
 * ({@link dev.jamra.server.websocket.history.ResumeRequest}). It decides resumes and builds their replays; it
 * keeps the messages as {@code delivery} made them and never touches a connection.
 */
package dev.jamra.server.websocket.history;
