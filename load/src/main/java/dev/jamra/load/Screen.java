package dev.jamra.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the reader's screens ask of the library (its {@code src/} in ShoobyDoo/jamra-2): the library screen the
 * whole list ({@code useLibraryList} without filters), the same sorted or searched, Home a page of the eight most
 * recently updated and then one {@code last-read} per item, all at once ({@code useContinueReadingEntries}),
 * History's reading activity a page of twenty and then theirs ({@code useRecentReadingActivity}). Each visit is
 * timed from its first request to the last byte of its last answer, on the connections of a {@link Browser}.
 */
enum Screen {
    WHOLE_LIST("whole list", "/api/library", 0),
    SORTED_BY_TITLE("sorted by title", "/api/library?sort=title&direction=asc", 0),
    TITLE_SEARCH("title search", "/api/library?search=" + LibrarySeed.SEARCH, 0),
    HOME("Home: page of 8, 8 last-read", "/api/library?sort=lastUpdated&direction=desc&limit=8", 8),
    HISTORY("History: page of 20, 20 last-read", "/api/library?sort=lastUpdated&direction=desc&limit=20", 20);

    private static final byte[] ITEM_START = "{\"id\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern ITEM_ID = Pattern.compile("\\{\"id\":\"([^\"]+)\"");

    private final String label;
    private final String list;
    private final int page;

    Screen(String label, String list, int page) {
        this.label = label;
        this.list = list;
        this.page = page;
    }

    String label() {
        return label;
    }

    /** What one visit took and answered: the list's items and bytes, and how many last-read found progress. */
    record Visit(long nanos, int items, int listBytes, int withProgress) {
        double millis() {
            return nanos / 1e6;
        }
    }

    /** Visits the screen once; fails on any answer but 200 and on a list of another length than expected. */
    Visit visit(Browser browser, int expectedItems) throws IOException {
        long start = System.nanoTime();
        if (page == 0) {
            return browser.exchange(connection -> {
                Browser.expect200(connection, list);
                long nanos = System.nanoTime() - start;
                int items = count(connection.body(), connection.bodyLength());
                check(items, expectedItems);
                return new Visit(nanos, items, connection.bodyLength(), 0);
            });
        }
        Page first = browser.exchange(connection -> {
            Browser.expect200(connection, list);
            return new Page(ids(connection.bodyText()), connection.bodyLength());
        });
        List<Browser.Exchange<Boolean>> lastReads = new ArrayList<>(first.ids().size());
        for (String id : first.ids()) {
            String target = "/api/library/" + id + "/last-read";
            lastReads.add(connection -> {
                Browser.expect200(connection, target);
                return connection.bodyLength() > 0 && connection.body()[0] == '{';
            });
        }
        int withProgress = (int) browser.all(lastReads).stream().filter(found -> found).count();
        long nanos = System.nanoTime() - start;
        check(first.ids().size(), Math.min(page, expectedItems));
        return new Visit(nanos, first.ids().size(), first.bytes(), withProgress);
    }

    private record Page(List<String> ids, int bytes) {
    }

    private static void check(int items, int expected) throws IOException {
        if (items != expected) {
            throw new IOException("the list held " + items + " items, " + expected + " expected");
        }
    }

    /** Items of a list answer: each is an object whose first member is its id, in both servers' encodings. */
    static int count(byte[] body, int length) {
        int count = 0;
        outer:
        for (int i = 0; i <= length - ITEM_START.length; i++) {
            for (int j = 0; j < ITEM_START.length; j++) {
                if (body[i + j] != ITEM_START[j]) {
                    continue outer;
                }
            }
            count++;
            i += ITEM_START.length - 1;
        }
        return count;
    }

    static List<String> ids(String listAnswer) {
        List<String> ids = new ArrayList<>();
        Matcher id = ITEM_ID.matcher(listAnswer);
        while (id.find()) {
            ids.add(id.group(1));
        }
        return ids;
    }
}
