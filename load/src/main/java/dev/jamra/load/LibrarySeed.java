package dev.jamra.load;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.UUID;

/**
 * Fills a server's library through its REST API as the reader does: each item added with the details' title and
 * cover ({@code POST /api/library}, eight in flight), one in seven made a favorite right after, then reading
 * progress for the 25 items the server lists first by {@code lastUpdated}, oldest first, so that Home's and
 * History's pages hold items that have been read on either server. The same items, in the same order, for any
 * server: titles from a fixed seed, some in Japanese, some with quotes and apostrophes.
 */
final class LibrarySeed {
    /** The word searched for: in about one title in twenty. */
    static final String SEARCH = "dragon";
    static final int READ_ITEMS = 25;
    private static final int IN_FLIGHT = 8;
    private static final String[] WORDS = {
        "Dragon", "Academy", "Blade", "Shadow", "Crimson", "Knight", "Tower", "Witch", "Hunter", "Tale", "Moon",
        "Spirit", "Chronicle", "Demon", "Sword", "Garden", "Kingdom", "Reborn", "Villainess", "Hero", "Dungeon",
        "Reincarnated", "Slime", "Chef", "Summer", "Ghost", "Last", "World", "Eternal", "Frost", "Fire", "Heart",
        "Hell's", "Paradise", "School", "Life", "Quest", "Road", "Night", "Star", "Ocean", "Mage", "Princess",
        "Legend", "Silent", "Iron", "Wolf", "Sky", "Blue", "Black", "Clover", "Titan", "Attack", "Journey",
        "Beyond", "Return", "Lord", "Mist", "Kaguya-sama", "Orange", "Vinland", "Saga", "Monster", "Tokyo",
    };
    private static final String[] KANJI = {"夜", "桜", "剣", "竜", "月", "星", "海", "風", "花", "鬼", "の", "物語"};
    private static final String[] STATUSES = {"reading", "reading", "plan_to_read", "completed", "on_hold", "dropped"};

    private LibrarySeed() {
    }

    /** One item as the reader adds it. */
    record Item(String mangaId, String title, String status, String coverUrl, boolean favorite) {
        String json() {
            return "{\"mangaId\":\"" + mangaId + "\",\"extensionId\":\"mangadex\",\"title\":\"" + escape(title)
                   + "\",\"status\":\"" + status + "\",\"coverUrl\":\"" + coverUrl + "\"}";
        }
    }

    /** The first {@code count} items, the same for every server and every run. */
    static List<Item> items(int count) {
        Random random = new Random(28);
        List<Item> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String mangaId = new UUID(random.nextLong(), random.nextLong()).toString();
            String cover = "https://uploads.mangadex.org/covers/" + mangaId + "/"
                           + new UUID(random.nextLong(), random.nextLong()) + ".jpg.512.jpg";
            items.add(new Item(mangaId, title(random, i), STATUSES[random.nextInt(STATUSES.length)], cover,
                    i % 7 == 0));
        }
        return items;
    }

    /** How many of the items a title search for {@link #SEARCH} finds (case-insensitively, in ASCII). */
    static int matching(List<Item> items) {
        return (int) items.stream().filter(item -> item.title().toLowerCase(Locale.ROOT).contains(SEARCH)).count();
    }

    private static String title(Random random, int index) {
        StringBuilder title = new StringBuilder();
        if (index % 10 == 9) {
            for (int k = 2 + random.nextInt(4); k > 0; k--) {
                title.append(KANJI[random.nextInt(KANJI.length)]);
            }
            return title.toString();
        }
        for (int k = 2 + random.nextInt(4); k > 0; k--) {
            if (!title.isEmpty()) {
                title.append(' ');
            }
            title.append(WORDS[random.nextInt(WORDS.length)]);
        }
        if (index % 50 == 3) {
            title.insert(0, "The \"").append('"');
        }
        return title.toString();
    }

    /** Adds the items, favorites and progress to the server {@code browser} talks to. */
    static void seed(Browser browser, List<Item> items) throws IOException {
        List<Browser.Exchange<Void>> adds = new ArrayList<>(items.size());
        for (Item item : items) {
            adds.add(connection -> {
                int status = connection.send("POST", "/api/library", item.json());
                if (status != 201) {
                    throw new IOException("POST /api/library answered " + status + ": " + connection.bodyText());
                }
                if (item.favorite()) {
                    String id = firstId(connection.bodyText());
                    int toggled = connection.send("PATCH", "/api/library/" + id + "/favorite", null);
                    if (toggled != 200) {
                        throw new IOException("PATCH favorite answered " + toggled);
                    }
                }
                return null;
            });
        }
        browser.all(adds);
        List<String> first = browser.exchange(connection -> {
            Browser.expect200(connection, "/api/library?sort=lastUpdated&direction=desc&limit=" + READ_ITEMS);
            return Screen.ids(connection.bodyText());
        });
        for (String id : first.reversed()) {
            browser.exchange(connection -> {
                int status = connection.send("PUT", "/api/library/" + id + "/progress",
                        "{\"chapterId\":\"chapter-1\",\"chapterNumber\":\"1\",\"pageNumber\":5,\"totalPages\":20}");
                if (status != 200) {
                    throw new IOException("PUT progress answered " + status + ": " + connection.bodyText());
                }
                return null;
            });
        }
    }

    private static String firstId(String itemAnswer) {
        int start = itemAnswer.indexOf("\"id\":\"") + 6;
        return itemAnswer.substring(start, itemAnswer.indexOf('"', start));
    }

    private static String escape(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
