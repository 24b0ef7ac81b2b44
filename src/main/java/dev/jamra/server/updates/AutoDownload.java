package dev.jamra.server.updates;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.jamra.server.library.LibraryItem;
import dev.jamra.server.library.LibraryStatus;

/** Which library items get the new chapters a check finds queued for download: {@code downloads.auto-download-new}. */
public enum AutoDownload {
    /** None. */
    OFF,
    /** Items marked favorite. */
    FAVORITES,
    /** Items being read (status {@code reading}). */
    READING,
    /** Every item checked. */
    ALL;

    /** The setting's values, for error messages. */
    static final String CHOICES = Arrays.stream(values()).map(AutoDownload::wireName).collect(Collectors.joining(", "));

    /** The setting's value, such as {@code favorites}. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The value of the setting. {@code false} counts as {@code off}: YAML reads an unquoted {@code off} as that
     * boolean.
     *
     * @throws IllegalArgumentException for any other value
     */
    static AutoDownload fromSetting(String value) {
        if (value.equals("false")) {
            return OFF;
        }
        return Arrays.stream(values()).filter(choice -> choice.wireName().equals(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("downloads.auto-download-new must be one of "
                                                                + CHOICES + ", was " + value));
    }

    /** Whether new chapters of {@code item} are queued. */
    boolean covers(LibraryItem item) {
        return switch (this) {
            case OFF -> false;
            case FAVORITES -> item.favorite();
            case READING -> item.status() == LibraryStatus.READING;
            case ALL -> true;
        };
    }
}
