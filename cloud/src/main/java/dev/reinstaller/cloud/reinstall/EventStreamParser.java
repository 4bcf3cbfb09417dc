package dev.reinstaller.cloud.reinstall;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.util.Optional;

/**
 * Turns the lines of the installer's server-sent event stream into {@link InstallerEvent}s, one line at
 * a time: the {@code data:} lines of an event are joined and a blank line ends the event; {@code id:},
 * comments and other fields are passed over (the sequence number is read from the JSON itself). Holds
 * only the data of the event being read; does no I/O.
 */
final class EventStreamParser {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final StringBuilder data = new StringBuilder();

    /**
     * @return the event {@code line} ends, or empty when it ends none
     * @throws IOException when the ended event's data is not a JSON object
     */
    Optional<InstallerEvent> line(String line) throws IOException {
        if (line.startsWith("data:")) {
            data.append(line.substring(5).strip());
            return Optional.empty();
        }
        if (!line.isEmpty() || data.isEmpty()) {
            return Optional.empty();
        }
        String text = data.toString();
        data.setLength(0);
        try {
            var json = JSON.readTree(text);
            if (!json.isObject()) {
                throw new IOException("event data is not a JSON object: " + abbreviated(text));
            }
            return Optional.of(InstallerEvent.of(json));
        } catch (JsonProcessingException e) {
            throw new IOException("event data is not JSON (" + e.getOriginalMessage() + "): " + abbreviated(text), e);
        }
    }

    private static String abbreviated(String text) {
        return text.length() <= 120 ? text : text.substring(0, 120) + "...";
    }
}
