/**
 * The one hierarchy of failures the server answers with: {@link dev.jamra.server.errors.ServiceException} and its
 * kinds, in the server's own terms and without HTTP. Features and the HTTP layer's request parsing throw them;
 * {@code web.ErrorHandling} maps each kind to one status and error body, so the rules of a feature do not depend on
 * how they are served. A manga source's own exceptions ({@code sources.SourceException}, part of the plug-in API)
 * become these where the server calls the source ({@code sources.SourceRegistry}, the page and cover responses).
 */
package dev.jamra.server.errors;
