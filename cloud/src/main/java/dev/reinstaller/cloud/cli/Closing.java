package dev.reinstaller.cloud.cli;

/** Closes clients at the end of a command, when nothing is left to save. */
final class Closing {
    private Closing() {}

    /** Closes {@code client} if it holds resources (an {@link AutoCloseable}); a failure to close is ignored. */
    static void quietly(Object client) {
        if (!(client instanceof AutoCloseable closeable)) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Shutting down clients at the end of a run; nothing is left to save.
        }
    }
}
