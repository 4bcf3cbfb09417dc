package dev.reinstaller.installer.nix;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** JSON helpers for comparing what Nix printed. */
final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {}

    /** Pretty JSON with object keys sorted, so that a mismatch shows as a readable diff. */
    static String canonical(JsonNode node) {
        return sorted(node).toPrettyString();
    }

    /** The node at a JSON pointer, which must exist: a missing node reads as false, 0 or "". */
    static JsonNode at(JsonNode node, String pointer) {
        JsonNode found = node.at(pointer);
        if (found.isMissingNode()) {
            throw new AssertionError("no " + pointer + " in " + node);
        }
        return found;
    }

    /** The text of every element of a JSON array. */
    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(element -> out.add(element.asText()));
        return out;
    }

    private static JsonNode sorted(JsonNode node) {
        if (node.isObject()) {
            ObjectNode out = MAPPER.createObjectNode();
            node.properties().stream()
                    .sorted(Map.Entry.comparingByKey())
                    .forEach(e -> out.set(e.getKey(), sorted(e.getValue())));
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = MAPPER.createArrayNode();
            node.forEach(element -> out.add(sorted(element)));
            return out;
        }
        return node;
    }
}
