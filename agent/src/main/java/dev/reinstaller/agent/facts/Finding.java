package dev.reinstaller.agent.facts;

import dev.reinstaller.protocol.Quoted;
import java.util.Objects;

/**
 * Something the operator should know about how the facts were found.
 *
 * @param level {@link Level#WARN} when the result may be wrong or incomplete, else {@link Level#INFO}
 * @param source where it came from, e.g. {@code dmi}, {@code network}, {@code disk}, {@code metadata}
 * @param message one sentence for people
 */
public record Finding(Level level, String source, String message) {
    /** How much the operator should care. */
    public enum Level {
        INFO,
        WARN
    }

    public Finding {
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
        // Findings quote what the metadata service and the host report: one bounded, escaped line.
        message = Quoted.of(message, MAX_MESSAGE);
    }

    /** The most characters of a finding's message; values it quotes come from outside. */
    public static final int MAX_MESSAGE = 400;
}
