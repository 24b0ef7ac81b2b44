/**
 * What every HTTP route shares: the filters that guard requests ({@code Host}, CORS by origin), the one place that
 * maps failures ({@code errors.ServiceException} and its kinds, broken JSON, the router's own errors) to JSON error
 * bodies ({@link dev.jamra.server.web.ErrorHandling}), and strict reading of JSON bodies, path and query parameters.
 * The 405 answers and {@code HEAD} it relies on live in {@code helidon}, with the other work-arounds of Helidon.
 *
 * <p>No feature's routes or rules live here, and nothing here touches the database or the event channel.
 */
package dev.jamra.server.web;
