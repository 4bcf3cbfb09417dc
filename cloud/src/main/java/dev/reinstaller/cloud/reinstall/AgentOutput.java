package dev.reinstaller.cloud.reinstall;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Optional;

/** Reads the JSON the agent prints with {@code --json}: the first JSON value on stdout. */
final class AgentOutput {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private AgentOutput() {}

    static Optional<JsonNode> first(String stdout) {
        int start = stdout.indexOf('{');
        if (start < 0) {
            return Optional.empty();
        }
        try (var parser = JSON.createParser(stdout.substring(start))) {
            return Optional.ofNullable(JSON.readTree(parser));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** A text field of the first JSON value, when present and not blank. */
    static Optional<String> field(String stdout, String name) {
        return first(stdout).map(j -> j.path(name).asText("")).filter(s -> !s.isBlank());
    }

    /** The preflight report as lines {@code status id reason}. */
    static String preflightSummary(String stdout) {
        return first(stdout)
                .map(j -> {
                    StringBuilder out = new StringBuilder();
                    j.path("checks")
                            .forEach(c -> out.append(String.format(
                                    "%-4s %-14s %s%n",
                                    c.path("status").asText(),
                                    c.path("id").asText(),
                                    c.path("reason").asText())));
                    return out.toString();
                })
                .orElse(stdout);
    }
}
