/**
 * The built-in {@code local} source: manga in a folder on disk ({@code sources.local.dir}), a sub-folder per
 * manga, a sub-folder or {@code .cbz} archive per chapter, images as pages, in natural order. Every path is
 * resolved and checked to stay inside the folder.
 *
 * <p>It only reads: it never writes, moves or extracts anything in the folder, and keeps no index of it.
 */
package dev.jamra.server.sources.local;
