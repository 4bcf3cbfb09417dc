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
 */
final class StatusView {
    /** Nodes only; no mapper of its own, whose setup would delay the first answer. */
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private StatusView() {}

    static ObjectNode of(List<EventLog.Entry> entries) {
        ObjectNode node = NODES.objectNode();
        String state = "starting";
        String phase = null;
        ObjectNode failure = null;
        ObjectNode waiting = null;
        ObjectNode progress = null;
        long lastSeq = 0;
        for (EventLog.Entry entry : entries) {
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
                case Event.RunCompleted e -> state = "completed";
                case Event.LogLine e -> {}
                case Event.HostKeys e -> {}
            }
        }
        node.put("state", state);
        node.put("phase", phase);
        node.put("lastSeq", lastSeq);
        node.set("failure", failure);
        node.set("waiting", waiting);
        node.set("progress", progress);
        return node;
    }
}
