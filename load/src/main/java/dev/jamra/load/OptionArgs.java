package dev.jamra.load;

import java.util.ArrayList;
import java.util.List;

/** The command line of the load tools: {@code --name value} pairs, and the checks their values share. */
final class OptionArgs {
    /** One option as given. */
    record Pair(String name, String value) {
    }

    private OptionArgs() {
    }

    /**
     * The options of {@code args}, in order.
     *
     * @throws IllegalArgumentException with an empty message for {@code --help} or {@code -h} (print the usage),
     *                                  or saying which option lacks its value
     */
    static List<Pair> pairs(String[] args) {
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String name = args[i];
            if (name.equals("--help") || name.equals("-h")) {
                throw new IllegalArgumentException("");
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(name + " needs a value");
            }
            pairs.add(new Pair(name, args[++i]));
        }
        return pairs;
    }

    static int positive(String name, int value) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be positive");
        }
        return value;
    }

    /** A comma-separated list of positive whole numbers. */
    static List<Integer> positives(String name, String value) {
        List<Integer> parsed = new ArrayList<>();
        for (String number : value.split(",")) {
            parsed.add(positive(name, Integer.parseInt(number.trim())));
        }
        return List.copyOf(parsed);
    }
}
