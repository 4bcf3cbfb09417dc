package dev.reinstaller.cloud.reinstall;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One event from the installer's {@code GET /events}: {@code seq}, {@code type} ({@code phase-started},
 * {@code progress}, {@code waiting}, {@code phase-failed}, {@code host-keys}, {@code rebooting},
 * {@code run-completed}, ...) and the whole JSON object.
 */
public record InstallerEvent(long seq, String type, String phase, JsonNode json) {
    static InstallerEvent of(JsonNode json) {
        return new InstallerEvent(
                json.path("seq").asLong(0),
                json.path("type").asText(""),
                json.path("phase").asText(""),
                json);
    }
}
