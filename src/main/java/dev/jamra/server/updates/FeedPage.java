package dev.jamra.server.updates;

import java.util.List;

/** One page of the feed of new chapters, newest first; {@code total} counts them all. */
public record FeedPage(List<FeedEntry> items, int total, int limit, int offset) {

    public FeedPage {
        items = List.copyOf(items);
    }
}
