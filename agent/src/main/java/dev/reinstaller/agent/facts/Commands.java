package dev.reinstaller.agent.facts;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reinstaller.hostinfo.process.Processes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Runs the read-only commands facts needs ({@code ip}, {@code lsblk}, {@code zpool}) with a deadline. */
final class Commands {
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Processes processes;

    Commands(Processes processes) {
        this.processes = processes;
    }

    /** The command's output; a command that cannot run or fails stops gathering. */
    String run(List<String> argv) {
        try {
            return processes.run(argv, TIMEOUT).stdoutOrThrow();
        } catch (Processes.ProcessException e) {
            throw new FactsException(
                    FactsException.Category.FAILED,
                    "facts need `" + String.join(" ", argv) + "`: " + e.getMessage(),
                    e);
        }
    }

    /** The command's output, or empty when it is missing or fails (optional tools such as zpool). */
    Optional<Processes.ProcessResult> tryRun(List<String> argv) {
        try {
            return Optional.of(processes.run(argv, TIMEOUT));
        } catch (Processes.ProcessException e) {
            return Optional.empty();
        }
    }

    /** The command's output parsed as JSON. */
    JsonNode json(List<String> argv) {
        return parse(run(argv), String.join(" ", argv));
    }

    static JsonNode parse(String text, String source) {
        try {
            JsonNode node = JSON.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new FactsException(FactsException.Category.FAILED, source + " printed nothing");
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new FactsException(
                    FactsException.Category.FAILED,
                    source + " printed something that is not JSON: " + e.getOriginalMessage(),
                    e);
        }
    }

    /** A text field of a JSON object, or null when missing or JSON null. */
    static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
