/**
 * {@code /api/system}: lets the desktop shell that started the server stop it; registered only when
 * {@code system.allow-shutdown} is true. How the server stops is {@code ServerLifecycle}'s, not this package's.
 */
package dev.jamra.server.system;
