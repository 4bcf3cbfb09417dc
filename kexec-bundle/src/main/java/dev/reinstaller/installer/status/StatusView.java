package dev.reinstaller.installer.status;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reinstaller.installer.events.Event;
import dev.reinstaller.installer.events.EventLog;
import java.util.List;

/**
 * {@code GET /status}: the state of the run folded from the event log. {@code state} is one of
 * {@code starting}, {@code running}, {@code waiting}, {@code failed}, {@code rebooting},
 * {@code completed}; {@code phase} is the phase of the latest phase event.
 *
 * <p>The fold is kept between requests and takes only the entries emitted since the last one, so a
 * request costs what happened since, not the whole history. When more than the log keeps was emitted
 * in between, it folds the kept entries afresh, as a new view would. It runs on the network thread only.
 */
final class StatusView {
    /** Nodes only; no mapper of its own, whose setup would delay the first answer. */
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private static final int BATCH = 4096;

    private final EventLog log;
    private String state = "starting";
    private String phase;
    private ObjectNode failure;
    private ObjectNode waiting;
    private ObjectNode progress;
    private long lastSeq;

    StatusView(EventLog log) {
        this.log = log;
    }

    /** The fold of a list of entries (for tests). */
    static ObjectNode of(List<EventLog.Entry> entries) {
        StatusView view = new StatusView(null);
        entries.forEach(view::add);
        return view.node();
    }

    /** The status after every entry emitted so far. */
    ObjectNode current() {
        for (List<EventLog.Entry> batch = log.after(lastSeq, BATCH);
                !batch.isEmpty();
                batch = log.after(lastSeq, BATCH)) {
            if (lastSeq > 0 && batch.getFirst().seq() != lastSeq + 1) {
                state = "starting";
                phase = null;
                failure = null;
                waiting = null;
                progress = null;
            }
            batch.forEach(this::add);
        }
        return node();
    }

    private ObjectNode node() {
        ObjectNode node = NODES.objectNode();
        node.put("state", state);
        node.put("phase", phase);
        node.put("lastSeq", lastSeq);
        node.set("failure", failure);
        node.set("waiting", waiting);
        node.set("progress", progress);
        return node;
    }

    private void add(EventLog.Entry entry) {
        lastSeq = entry.seq();
        switch (entry.event()) {
            case Event.PhaseStarted e -> {
                state = "running";
                phase = e.phase().wire();
                waiting = null;
                progress = null;
            }
            case Event.PhaseFinished e -> {
                state = "running";
                phase = e.phase().wire();
                waiting = null;
            }
            case Event.PhaseFailed e -> {
                state = "failed";
                phase = e.phase().wire();
                waiting = null;
                failure = NODES.objectNode()
                        .put("phase", e.phase().wire())
                        .put("category", e.category().wire())
                        .put("message", e.message())
                        .put("pointOfNoReturnPassed", e.pointOfNoReturnPassed());
            }
            case Event.Waiting e -> {
                state = "waiting";
                waiting = NODES.objectNode()
                        .put("what", e.what())
                        .put("deadline", e.deadline().toString());
            }
            case Event.Progress e ->
                progress = NODES.objectNode()
                        .put("step", e.step())
                        .put("done", e.done())
                        .put("total", e.total());
            case Event.Rebooting e -> state = "rebooting";
            case Event.PoweringOff e -> state = "powering-off";
            case Event.RunCompleted e -> state = "completed";
            case Event.LogLine e -> {}
            case Event.HostKeys e -> {}
        }
    }
}
