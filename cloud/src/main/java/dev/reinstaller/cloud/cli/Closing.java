package dev.reinstaller.cloud.cli;

/** Closes clients at the end of a command, when nothing is left to save. */
final class Closing {
    private Closing() {}

    static void quietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // Shutting down clients at the end of a run; nothing is left to save.
        }
    }
}
