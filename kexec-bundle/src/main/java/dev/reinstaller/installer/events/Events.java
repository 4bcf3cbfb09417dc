package dev.reinstaller.installer.events;

/** Where phases report. Implementations are thread-safe and keep the order of {@link #emit} calls. */
@FunctionalInterface
public interface Events {
    void emit(Event event);

    /** Shorthand for a {@link Event.LogLine}. */
    default void log(Phase phase, String line) {
        emit(new Event.LogLine(phase, line));
    }
}
