package dev.reinstaller.installer.events;

import dev.reinstaller.installer.system.Clock;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The installer's {@link Events}: numbers each event ({@code seq} from 1, no gaps), stamps it, prints it
 * to the console as one {@code REINSTALLER {json}} line and keeps it in memory in order, so a client of
 * the status API can resume its event stream after a given sequence number. At most {@code capacity}
 * entries are kept (the oldest go first); a resume from before the oldest kept entry can be detected
 * through {@link #oldestSeq}.
 */
public final class EventLog implements Events {
    /** One recorded event. */
    public record Entry(long seq, Instant at, Event event) {}

    public static final int DEFAULT_CAPACITY = 100_000;

    private final Clock clock;
    private final PrintWriter console;
    private final int capacity;
    private final Deque<Entry> entries = new ArrayDeque<>();
    private final List<Consumer<Entry>> listeners = new ArrayList<>();
    private long lastSeq;

    public EventLog(Clock clock, PrintWriter console) {
        this(clock, console, DEFAULT_CAPACITY);
    }

    public EventLog(Clock clock, PrintWriter console, int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        this.clock = clock;
        this.console = console;
        this.capacity = capacity;
    }

    @Override
    public synchronized void emit(Event event) {
        Entry entry = new Entry(++lastSeq, clock.now(), event);
        entries.addLast(entry);
        if (entries.size() > capacity) {
            entries.removeFirst();
        }
        console.println(EventJson.consoleLine(entry));
        console.flush();
        for (Consumer<Entry> listener : List.copyOf(listeners)) {
            try {
                listener.accept(entry);
            } catch (RuntimeException e) {
                listeners.remove(listener);
            }
        }
    }

    /**
     * Hands {@code listener} every kept entry after {@code seq}, then every new one as it is emitted,
     * in order and without gaps or repeats (both happen under this log's lock). The listener runs on
     * the emitting thread and must not block; one that throws is dropped. Closing the returned handle
     * unsubscribes.
     */
    public synchronized AutoCloseable replayAndSubscribe(long seq, Consumer<Entry> listener) {
        try {
            after(seq).forEach(listener);
        } catch (RuntimeException e) {
            return () -> {};
        }
        listeners.add(listener);
        return () -> {
            synchronized (this) {
                listeners.remove(listener);
            }
        };
    }

    /** Every kept entry, oldest first. */
    public synchronized List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** Kept entries with a sequence number greater than {@code seq}, oldest first. */
    public synchronized List<Entry> after(long seq) {
        return entries.stream().filter(e -> e.seq() > seq).toList();
    }

    /** The sequence number of the oldest kept entry; 1 while nothing was dropped. */
    public synchronized long oldestSeq() {
        return entries.isEmpty() ? lastSeq + 1 : entries.getFirst().seq();
    }

    public synchronized Optional<Entry> last() {
        return Optional.ofNullable(entries.peekLast());
    }

    /** The events alone, oldest first (for tests and the status summary). */
    public synchronized List<Event> events() {
        return entries.stream().map(Entry::event).toList();
    }
}
