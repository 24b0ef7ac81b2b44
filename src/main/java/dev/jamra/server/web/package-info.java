/**
 * What every HTTP route shares: the filters that guard requests ({@code Host}, CORS by origin), the one place that
 * maps failures ({@code errors.ServiceException} and its kinds, broken JSON, the router's own errors) to JSON error
 * bodies ({@link dev.jamra.server.web.ErrorHandling}), and strict reading of JSON bodies, path and query parameters;
 * and the writing of answers too large to build as objects first: JSON as UTF-8 bytes straight into chunks
 * ({@link dev.jamra.server.web.JsonBytes}), sent while they are filled ({@link dev.jamra.server.web.JsonStream}).
 * The 405 answers and {@code HEAD} it relies on live in {@code helidon}, with the other work-arounds of Helidon.
 *
 * <p>No feature's routes or rules live here, and nothing here touches the database or the event channel.
 */
package dev.jamra.server.web;
