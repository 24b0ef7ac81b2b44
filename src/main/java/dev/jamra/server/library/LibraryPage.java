package dev.jamra.server.library;

import java.util.List;

/** One page of a library listing and the number of items matching its filters. */
record LibraryPage(List<LibraryItem> items, int total, int limit, int offset) {

    LibraryPage {
        items = List.copyOf(items);
    }
}
