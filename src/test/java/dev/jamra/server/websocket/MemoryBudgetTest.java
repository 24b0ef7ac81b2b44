package dev.jamra.server.websocket;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MemoryBudgetTest {

    @Test
    void reservesUpToTheLimitExactlyAndNothingPastIt() {
        MemoryBudget budget = new MemoryBudget(100);
        assertTrue(budget.tryReserve(60));
        assertFalse(budget.tryReserve(41), "a reservation that does not fit takes nothing");
        assertTrue(budget.tryReserve(40), "one that fits exactly is fine");
        assertFalse(budget.tryReserve(1));
        budget.release(30);
        assertFalse(budget.tryReserve(31), "a release gives back what it names");
        assertTrue(budget.tryReserve(30));
        assertFalse(budget.tryReserve(1));
    }

    @Test
    void anUnlimitedBudgetDoesNotOverflow() {
        MemoryBudget budget = new MemoryBudget(Long.MAX_VALUE);
        assertTrue(budget.tryReserve(Long.MAX_VALUE - 1));
        assertFalse(budget.tryReserve(2), "past Long.MAX_VALUE would wrap around");
    }

    @Test
    void aBudgetMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> new MemoryBudget(0));
    }
}
