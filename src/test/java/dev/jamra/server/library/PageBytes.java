package dev.jamra.server.library;

import java.util.Optional;

import dev.jamra.server.web.JsonBytes;

/** Pages written as {@code GET /api/library} writes them, into bytes, without a server. */
final class PageBytes {
    private PageBytes() {
    }

    /** The page {@code query} asks for, written in chunks of {@code chunkSize} bytes; no item has a default cover. */
    static byte[] write(LibraryService library, LibraryQuery query, int chunkSize) {
        return write(library, query, (extensionId, mangaId, base) -> Optional.empty(), chunkSize,
                "http://127.0.0.1:3000");
    }

    /** The page as a client that reached the server at {@code serverBase} gets it. */
    static byte[] write(LibraryService library, LibraryQuery query, DefaultCovers covers, int chunkSize,
                        String serverBase) {
        return JsonBytes.written(chunkSize, json -> library.writePage(query, new PageJson(json, covers, serverBase)));
    }
}
