package io.pgcarry.move;

import io.pgcarry.check.CheckOptions;
import io.pgcarry.connect.Connector;
import io.pgcarry.copy.CopyProgress;

/**
 * Runs a move in a child JVM for the kill tests. Prints each phase as {@code PHASE name}; with
 * {@code PGCARRY_TEST_PAUSE_AT} set to a phase name, or to {@code copied} (the first finished table while
 * others are still copying), it prints {@code PAUSED} there and waits to be killed.
 */
public final class MoveChild {
    private MoveChild() {
    }

    public static void main(String[] args) {
        String pauseAt = System.getenv().getOrDefault("PGCARRY_TEST_PAUSE_AT", "");
        CopyProgress progress = new CopyProgress() {
            @Override
            public void phase(String name) {
                say("PHASE " + name);
                if (name.equals(pauseAt)) {
                    pause();
                }
            }

            @Override
            public void tableCopied(io.pgcarry.catalog.QualifiedName table, long rows, long bytes, double seconds) {
                if (pauseAt.equals("copied")) {
                    pause();
                }
            }
        };
        new Move(new Connector()).run(MoveFixtures.request(args[0], args[1], CheckOptions.defaults(), 2, 5_000), progress);
        say("DONE");
    }

    private static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    private static void pause() {
        say("PAUSED");
        try {
            Thread.sleep(120_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
