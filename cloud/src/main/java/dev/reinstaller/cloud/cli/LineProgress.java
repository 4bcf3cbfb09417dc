package dev.reinstaller.cloud.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reinstaller.cloud.reinstall.Host;
import dev.reinstaller.cloud.reinstall.InstallerEvent;
import dev.reinstaller.cloud.reinstall.Progress;
import dev.reinstaller.cloud.reinstall.ServerOutcome;
import dev.reinstaller.cloud.reinstall.Stage;
import java.io.PrintWriter;

/**
 * Progress as lines: with {@code --json}, one JSON object per line on stdout ({@code server},
 * {@code serverId}, {@code kind}: stage, output, event, outcome); otherwise readable lines on stderr.
 * Lines from parallel servers never interleave within a line.
 */
final class LineProgress implements Progress {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final PrintWriter out;
    private final boolean json;

    LineProgress(PrintWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    @Override
    public void stage(Host server, Stage stage, String message) {
        if (json) {
            emit(node(server, "stage").put("stage", stage.wire()).put("message", message));
        } else {
            line(server + " " + stage.wire() + ": " + message);
        }
    }

    @Override
    public void output(Host server, Stage stage, String text) {
        if (json) {
            emit(node(server, "output").put("stage", stage.wire()).put("text", text));
        } else {
            text.lines().forEach(l -> line(server + " " + stage.wire() + " | " + l));
        }
    }

    @Override
    public void installer(Host server, InstallerEvent event) {
        if (json) {
            ObjectNode node = node(server, "event");
            node.set("event", event.json());
            emit(node);
        } else if (!event.type().equals("log")) {
            line(server + " installer " + event.type() + (event.phase().isEmpty() ? "" : " " + event.phase()));
        }
    }

    @Override
    public void finished(ServerOutcome outcome) {
        if (json) {
            emit(Outcomes.json(JSON.createObjectNode().put("kind", "outcome"), outcome));
        } else {
            line(Outcomes.line(outcome));
        }
    }

    private static ObjectNode node(Host server, String kind) {
        return Outcomes.identify(JSON.createObjectNode().put("kind", kind), server);
    }

    private void emit(ObjectNode node) {
        line(node.toString());
    }

    private synchronized void line(String line) {
        out.println(line);
        out.flush();
    }
}
