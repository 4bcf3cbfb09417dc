package dev.reinstaller.installer.confirm;

import java.util.Optional;

/**
 * The machine's console as the installer's last way to get the disk key and the confirmation (the
 * provider's web console, the testbed's serial line). One reader at a time; {@link ConsolePrompt}
 * owns it.
 */
public interface Console {

    /** Shows {@code text} (whole lines), also while another thread waits in {@link #ask}. */
    void show(String text);

    /**
     * Shows {@code prompt} (without a line end) and reads one line without its terminator, blocking
     * until it comes.
     *
     * @param secret the line is a secret: where the console can help it, echo is off before the
     *     prompt appears (so nothing typed at the prompt is shown) until the line has been read
     * @return the line, or empty at the end of input (no console, or it closed)
     */
    Optional<String> ask(String prompt, boolean secret);

    /** No console: every read ends at once (test trees, and runs whose stdin is not a terminal). */
    static Console none() {
        return new Console() {
            @Override
            public void show(String text) {}

            @Override
            public Optional<String> ask(String prompt, boolean secret) {
                return Optional.empty();
            }
        };
    }
}
