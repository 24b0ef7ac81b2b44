package dev.jamra.server.library;

/**
 * Work another feature must do before a library item is deleted, such as cancelling the item's running
 * downloads and deleting their files. Hooks run outside the delete transaction, before it, in registration
 * order; one that throws aborts the removal (the item stays). Two concurrent removals of one item may both run
 * the hooks, so a hook must be idempotent.
 */
@FunctionalInterface
public interface LibraryRemovalHook {

    void beforeRemove(String libraryId);
}
