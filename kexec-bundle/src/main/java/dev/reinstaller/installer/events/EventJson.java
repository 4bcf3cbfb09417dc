package dev.reinstaller.installer.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/**
 * The wire form of an event: compact JSON on one line with stable field names, {@code seq},
 * {@code at} and {@code type} first. The console prefix {@link #CONSOLE_PREFIX} marks lines for the
 * web console and the testbed.
 */
public final class EventJson {
    public static final String CONSOLE_PREFIX = "REINSTALLER ";

    private static final ObjectMapper MAPPER = JsonMapper.builder().build();

    private EventJson() {}

    /** The console line of an entry, without a line terminator. */
    public static String consoleLine(EventLog.Entry entry) {
        return CONSOLE_PREFIX + json(entry);
    }

    public static String json(EventLog.Entry entry) {
        ObjectNode node = MAPPER.createObjectNode();
        node.put("seq", entry.seq());
        node.put("at", entry.at().toString());
        fill(node, entry.event());
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void fill(ObjectNode node, Event event) {
        switch (event) {
            case Event.PhaseStarted e ->
                node.put("type", "phase-started").put("phase", e.phase().wire());
            case Event.PhaseFinished e ->
                node.put("type", "phase-finished")
                        .put("phase", e.phase().wire())
                        .put("millis", e.millis());
            case Event.PhaseFailed e ->
                node.put("type", "phase-failed")
                        .put("phase", e.phase().wire())
                        .put("category", e.category().wire())
                        .put("message", e.message())
                        .put("pointOfNoReturnPassed", e.pointOfNoReturnPassed());
            case Event.LogLine e ->
                node.put("type", "log").put("phase", e.phase().wire()).put("line", e.line());
            case Event.Progress e ->
                node.put("type", "progress")
                        .put("phase", e.phase().wire())
                        .put("step", e.step())
                        .put("done", e.done())
                        .put("total", e.total());
            case Event.Waiting e ->
                node.put("type", "waiting")
                        .put("phase", e.phase().wire())
                        .put("what", e.what())
                        .put("deadline", e.deadline().toString());
            case Event.HostKeys e -> {
                node.put("type", "host-keys");
                ArrayNode keys = node.putArray("keys");
                e.keys()
                        .forEach(k -> keys.addObject()
                                .put("purpose", k.purpose())
                                .put("type", k.type())
                                .put("sha256", k.sha256())
                                .put("publicKey", k.publicKey()));
            }
            case Event.RunCompleted e -> {
                node.put("type", "run-completed");
                ArrayNode phases = node.putArray("phases");
                e.phases().forEach(p -> phases.add(p.wire()));
            }
            case Event.Rebooting e ->
                node.put("type", "rebooting")
                        .put("reason", e.reason())
                        .put("inSeconds", e.inSeconds())
                        .put("toOldSystem", e.toOldSystem());
            case Event.PoweringOff e ->
                node.put("type", "powering-off").put("reason", e.reason()).put("inSeconds", e.inSeconds());
        }
    }
}
