package dev.jamra.server.sources.local;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class NaturalOrderTest {

    @Test
    void numbersCompareByValue() {
        assertSorted(List.of("1.png", "2.png", "10.png", "100.png"));
        assertSorted(List.of("Chapter 2", "chapter 3", "Chapter 10", "Chapter 10.5", "Chapter 11"));
        assertSorted(List.of("page01.jpg", "page2.jpg", "page010.jpg"));
        assertSorted(List.of("a", "a1", "a2", "b"));
        assertSorted(List.of("x99999999999999999999999", "x100000000000000000000000"));
    }

    @Test
    void theOrderIsTotal() {
        assertSorted(List.of("01.png", "1.png"));
        assertEquals(0, NaturalOrder.INSTANCE.compare("same", "same"));
    }

    private static void assertSorted(List<String> expected) {
        List<String> shuffled = new ArrayList<>(expected);
        Collections.reverse(shuffled);
        shuffled.sort(NaturalOrder.INSTANCE);
        assertEquals(expected, shuffled);
    }
}
