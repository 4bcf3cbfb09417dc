package dev.reinstaller.agent.facts;

import java.util.Objects;

/** Facts could not be gathered. The message says what was attempted against what. */
public final class FactsException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Why gathering stopped; the CLI maps each to an exit code. */
    public enum Category {
        /** The operator's input is wrong, e.g. {@code --disk} names no disk. */
        BAD_INPUT,
        /** The host is unsuitable as it is, e.g. {@code /} is in RAM and no disk was named. */
        REFUSED,
        /** The metadata service failed although it was explicitly asked for. */
        REMOTE,
        /** Anything else: a command, the kernel, I/O, an inconsistent host. */
        FAILED
    }

    private final Category category;

    public FactsException(Category category, String message) {
        super(message);
        this.category = Objects.requireNonNull(category, "category");
    }

    public FactsException(Category category, String message, Throwable cause) {
        super(message, cause);
        this.category = Objects.requireNonNull(category, "category");
    }

    public Category category() {
        return category;
    }
}
