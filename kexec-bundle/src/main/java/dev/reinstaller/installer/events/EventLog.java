package dev.reinstaller.installer.events;

import dev.reinstaller.installer.system.Clock;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The installer's {@link Events}: numbers each event ({@code seq} from 1, no gaps), stamps it, prints it
 * to the console as one {@code REINSTALLER {json}} line and keeps it in memory in order with its wire
 * form, so a client of the status API can resume its event stream after a given sequence number.
 *
 * <p>The history is bounded twice: at most {@code capacity} entries and at most {@code historyBytes}
 * of estimated heap ({@link #cost}: twice the wire form plus {@link #ENTRY_OVERHEAD}); the oldest go
 * first, and a resume from before the oldest kept entry can be detected through {@link #oldestSeq}.
 * Readers {@link #subscribe} and pull from their own thread; {@link #emit} never waits for them and
 * allocates nothing for them.
 */
public final class EventLog implements Events {
    /** One recorded event. */
    public record Entry(long seq, Instant at, Event event) {}

    /** An entry with its wire form, the compact JSON of {@link EventJson#json}. */
    public record Kept(Entry entry, String json) {}

    public static final int DEFAULT_CAPACITY = 100_000;
    public static final long DEFAULT_HISTORY_BYTES = 16L << 20;
    /** Heap an entry takes besides its two strings: entry, instant, event record, array slots. */
    static final int ENTRY_OVERHEAD = 160;

    private static final Subscription[] NONE = new Subscription[0];

    private final Clock clock;
    private final PrintWriter console;
    private final long historyBytes;
    private final Entry[] entries;
    private final String[] wire;
    /** Cumulative cost of every entry ever emitted, through the one in this slot. */
    private final long[] costThrough;

    private int first;
    private int size;
    private long lastSeq;
    private long totalCost;
    private long droppedCost;
    private Subscription[] subscriptions = NONE;
    /**
     * Fair, so a reader (a {@code /status} request on the network thread) waits for at most the emits
     * queued before it, however busy the emitting thread is.
     */
    private final ReentrantLock lock = new ReentrantLock(true);

    public EventLog(Clock clock, PrintWriter console) {
        this(clock, console, DEFAULT_CAPACITY, DEFAULT_HISTORY_BYTES);
    }

    public EventLog(Clock clock, PrintWriter console, int capacity) {
        this(clock, console, capacity, DEFAULT_HISTORY_BYTES);
    }

    public EventLog(Clock clock, PrintWriter console, int capacity, long historyBytes) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be positive, got " + capacity);
        }
        if (historyBytes < 1) {
            throw new IllegalArgumentException("historyBytes must be positive, got " + historyBytes);
        }
        this.clock = clock;
        this.console = console;
        this.historyBytes = historyBytes;
        this.entries = new Entry[capacity];
        this.wire = new String[capacity];
        this.costThrough = new long[capacity];
    }

    /** The heap an entry with this wire form is counted as. */
    static long cost(String json) {
        return 2L * json.length() + ENTRY_OVERHEAD;
    }

    @Override
    public void emit(Event event) {
        lock.lock();
        try {
            Entry entry = new Entry(++lastSeq, clock.now(), event);
            String json = EventJson.json(entry);
            totalCost += cost(json);
            if (size == entries.length) {
                dropOldest();
            }
            int slot = slot(size);
            entries[slot] = entry;
            wire[slot] = json;
            costThrough[slot] = totalCost;
            size++;
            while (size > 1 && totalCost - droppedCost > historyBytes) {
                dropOldest();
            }
            console.print(EventJson.CONSOLE_PREFIX);
            console.println(json);
            console.flush();
            for (Subscription s : subscriptions) {
                if (!s.behind && totalCost - s.takenCost > s.queueBytes) {
                    s.behind = true;
                    s.waiting = true;
                }
                if (s.waiting) {
                    s.waiting = false;
                    s.wake.run();
                }
            }

        } finally {
            lock.unlock();
        }
    }

    /**
     * A reader that starts after {@code seq}: its first batches replay the kept entries after it,
     * later ones hold new entries. {@code wake} runs on the emitting thread, under this log's lock,
     * when a reader that found nothing new can go on; it must only unpark or signal.
     */
    public Subscription subscribe(long seq, long queueBytes, Runnable wake) {
        lock.lock();
        try {
            if (queueBytes < 1) {
                throw new IllegalArgumentException("queueBytes must be positive, got " + queueBytes);
            }
            Subscription s = new Subscription(this, Math.max(0, Math.min(seq, lastSeq)), totalCost, queueBytes, wake);
            Subscription[] grown = Arrays.copyOf(subscriptions, subscriptions.length + 1);
            grown[subscriptions.length] = s;
            subscriptions = grown;
            return s;

        } finally {
            lock.unlock();
        }
    }

    Subscription.Batch next(Subscription s, int maxEntries, long maxBytes) {
        lock.lock();
        try {
            if (s.closed || s.behind) {
                return new Subscription.Batch(0, 0, List.of(), !s.closed, s.cursor);
            }
            long oldest = oldestSeq();
            long missedFrom = 0;
            long missedTo = 0;
            if (s.cursor + 1 < oldest) {
                if (s.started) {
                    s.behind = true;
                    return new Subscription.Batch(0, 0, List.of(), true, s.cursor);
                }
                missedFrom = s.cursor + 1;
                missedTo = oldest - 1;
                s.cursor = oldest - 1;
            }
            s.started = true;
            List<Kept> batch = new ArrayList<>();
            long bytes = 0;
            while (s.cursor < lastSeq && batch.size() < maxEntries && bytes < maxBytes) {
                int slot = slot((int) (s.cursor + 1 - oldest));
                batch.add(new Kept(entries[slot], wire[slot]));
                bytes += wire[slot].length();
                s.cursor++;
                s.takenCost = Math.max(s.takenCost, costThrough[slot]);
            }
            if (batch.isEmpty() && missedFrom == 0) {
                s.waiting = true;
            }
            return new Subscription.Batch(missedFrom, missedTo, batch, false, s.cursor);

        } finally {
            lock.unlock();
        }
    }

    boolean isBehind(Subscription s) {
        lock.lock();
        try {
            return s.behind;

        } finally {
            lock.unlock();
        }
    }

    void remove(Subscription s) {
        lock.lock();
        try {
            s.closed = true;
            subscriptions = Arrays.stream(subscriptions).filter(o -> o != s).toArray(Subscription[]::new);

        } finally {
            lock.unlock();
        }
    }

    private void dropOldest() {
        droppedCost = costThrough[first];
        entries[first] = null;
        wire[first] = null;
        first = (first + 1) % entries.length;
        size--;
    }

    private int slot(int index) {
        return (first + index) % entries.length;
    }

    /** Every kept entry, oldest first. */
    public List<Entry> entries() {
        lock.lock();
        try {
            List<Entry> copy = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                copy.add(entries[slot(i)]);
            }
            return copy;

        } finally {
            lock.unlock();
        }
    }

    /** Kept entries with a sequence number greater than {@code seq}, oldest first. */
    public List<Entry> after(long seq) {
        return after(seq, Integer.MAX_VALUE);
    }

    /** At most {@code max} kept entries with a sequence number greater than {@code seq}, oldest first. */
    public List<Entry> after(long seq, int max) {
        lock.lock();
        try {
            long oldest = oldestSeq();
            int from = (int) Math.max(0, Math.min(size, seq + 1 - oldest));
            int count = Math.min(size - from, max);
            List<Entry> copy = new ArrayList<>(count);
            for (int i = from; i < from + count; i++) {
                copy.add(entries[slot(i)]);
            }
            return copy;
        } finally {
            lock.unlock();
        }
    }

    /** The sequence number of the oldest kept entry; 1 while nothing was dropped. */
    public long oldestSeq() {
        lock.lock();
        try {
            return size == 0 ? lastSeq + 1 : entries[first].seq();

        } finally {
            lock.unlock();
        }
    }

    public Optional<Entry> last() {
        lock.lock();
        try {
            return size == 0 ? Optional.empty() : Optional.of(entries[slot(size - 1)]);

        } finally {
            lock.unlock();
        }
    }

    /** The events alone, oldest first (for tests and the status summary). */
    public List<Event> events() {
        lock.lock();
        try {
            return entries().stream().map(Entry::event).toList();

        } finally {
            lock.unlock();
        }
    }

    /** How many readers are subscribed (for tests and diagnostics). */
    public int subscribers() {
        lock.lock();
        try {
            return subscriptions.length;

        } finally {
            lock.unlock();
        }
    }
}
