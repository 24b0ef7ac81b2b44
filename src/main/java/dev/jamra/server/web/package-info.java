/**
 * What every HTTP route shares: the filters that guard requests ({@code Host}, CORS by origin, {@code HEAD}), the
 * typed exceptions of the HTTP layer and the one place that maps failures (those and the services'
 * {@code errors.ServiceException}s) to JSON error bodies, strict reading of JSON bodies and query parameters, and
 * the route table that tells 404 from 405.
 *
 * <p>No feature's routes or rules live here, and nothing here touches the database or the event channel.
 */
package dev.jamra.server.web;
