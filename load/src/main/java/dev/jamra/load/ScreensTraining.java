package dev.jamra.load;

import java.io.IOException;
import java.net.URI;
import java.util.List;

/**
 * The class cache's training of the screens a reader opens first (bin/aot-cache): fills the training server's
 * empty library as the reader does ({@link LibrarySeed}), to a realistic size, then visits every {@link Screen}
 * again and again, so that the cache holds the classes, and the method profiles, of the whole-list, Home and
 * History requests at the size a user's library has: the first such request after a start then finds its classes
 * loaded and linked and the JIT compiles its hot loops early. Exits 1 when the server answers wrongly, 2 on bad
 * arguments.
 *
 * <p>{@code java -cp jamra-load.jar dev.jamra.load.ScreensTraining URL [ITEMS [VISITS]]}: the server at
 * {@code URL}, {@code ITEMS} items (default 5,000), {@code VISITS} visits per screen (default 30).
 */
public final class ScreensTraining {
    private static final int CONNECTIONS = 6;
    private static final int SEED_CONNECTIONS = 8;

    private ScreensTraining() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 3) {
            System.err.println("usage: ScreensTraining URL [ITEMS [VISITS]]");
            System.exit(2);
        }
        try {
            URI url = URI.create(args[0]);
            int items = args.length > 1 ? Integer.parseInt(args[1]) : 5_000;
            int visits = args.length > 2 ? Integer.parseInt(args[2]) : 30;
            if (url.getHost() == null || url.getPort() < 1 || items < LibrarySeed.READ_ITEMS || visits < 1) {
                throw new IllegalArgumentException("a URL with host and port, at least " + LibrarySeed.READ_ITEMS
                                                   + " items and a visit are needed");
            }
            train(url, items, visits);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
        } catch (IOException | RuntimeException e) {
            System.err.println("the training failed: " + e);
            System.exit(1);
        }
        System.exit(0);
    }

    private static void train(URI url, int size, int visits) throws IOException {
        List<LibrarySeed.Item> items = LibrarySeed.items(size);
        try (Browser seeder = new Browser(url.getHost(), url.getPort(), SEED_CONNECTIONS)) {
            LibrarySeed.seed(seeder, items);
        }
        int matching = LibrarySeed.matching(items);
        try (Browser browser = new Browser(url.getHost(), url.getPort(), CONNECTIONS)) {
            for (int i = 0; i < visits; i++) {
                for (Screen screen : Screen.values()) {
                    screen.visit(browser, screen == Screen.TITLE_SEARCH ? matching : size);
                }
            }
        }
    }
}
