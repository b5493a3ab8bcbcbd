package io.pgcarry.parallel;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** What work run on another thread gave, its failure thrown as that thread threw it (not wrapped). */
public final class Outcome {
    private Outcome() {
    }

    /** Waits for {@code work}; an unchecked failure of it is rethrown as it was. */
    public static <T> T of(CompletableFuture<T> work) {
        try {
            return work.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e;
        }
    }
}
