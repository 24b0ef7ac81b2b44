/**
 * The one place that reaches past Helidon's public API, to work around what Helidon 4.5.0 lacks. Each class names
 * the Helidon version and the limitation it works around, and a test of the same name fails if Helidon's behaviour
 * changes under it, so that it can go when Helidon no longer needs it.
 *
 * <p>For the HTTP side: {@link dev.jamra.server.helidon.RouteTable} (405 with {@code Allow}: Helidon answers a known
 * path asked with another method with 404) and {@link dev.jamra.server.helidon.HeadRequests} ({@code HEAD} wherever
 * {@code GET} works: Helidon routes {@code HEAD} to {@code HEAD} routes only, and writes their bodies). Both are
 * behaviour docs/API.md promises, so they stay. No feature reaches into Helidon's internals itself.
 */
package dev.jamra.server.helidon;
