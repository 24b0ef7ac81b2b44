package dev.jamra.server.library;

import java.util.List;
import java.util.OptionalInt;

/** One page of a library listing and the number of items matching its filters; {@code limit} as asked. */
record LibraryPage(List<LibraryItem> items, int total, OptionalInt limit, int offset) {

    LibraryPage {
        items = List.copyOf(items);
    }
}
