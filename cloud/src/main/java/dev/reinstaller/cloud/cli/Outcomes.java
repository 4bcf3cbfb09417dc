package dev.reinstaller.cloud.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reinstaller.cloud.reinstall.Host;
import dev.reinstaller.cloud.reinstall.InstalledKey;
import dev.reinstaller.cloud.reinstall.ServerOutcome;
import dev.reinstaller.protocol.ExitCode;
import java.util.List;
import java.util.Locale;

/** Outcomes as JSON and text, and the exit code of a run. */
final class Outcomes {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private Outcomes() {}

    /** The host's fields: its name, its Hetzner server id when it has one, and its address. */
    static ObjectNode identify(ObjectNode node, Host server) {
        node.put("server", server.name());
        server.serverId().ifPresent(id -> node.put("serverId", id));
        return node.put("address", server.address());
    }

    static ObjectNode json(ServerOutcome outcome) {
        return json(JSON.createObjectNode(), outcome);
    }

    /** Adds the outcome's fields to {@code node} (which may already hold a {@code kind}). */
    static ObjectNode json(ObjectNode node, ServerOutcome outcome) {
        identify(node, outcome.server()).put("seconds", outcome.took().toMillis() / 1000.0);
        switch (outcome) {
            case ServerOutcome.Done done -> {
                node.put("result", "ok").put("ramdiskHostKey", done.ramdiskHostKey());
                done.key(InstalledKey.SSH).ifPresent(k -> node.put("sshHostKey", k.sha256()));
                done.key(InstalledKey.INITRD).ifPresent(k -> node.put("initrdHostKey", k.sha256()));
                ArrayNode keys = node.putArray("hostKeys");
                for (InstalledKey key : done.hostKeys()) {
                    ObjectNode k = keys.addObject()
                            .put("purpose", key.purpose())
                            .put("type", key.type())
                            .put("sha256", key.sha256());
                    key.publicKey().ifPresent(p -> k.put("publicKey", p));
                }
                done.verification().ifPresent(v -> {
                    ObjectNode verified = node.putObject("verification");
                    verified.put("hostName", v.hostName())
                            .put("expectedHostName", v.expectedHostName())
                            .put("pool", v.pool())
                            .put("ok", v.ok());
                    v.found().forEach(verified.putArray("addresses")::add);
                    v.missing().forEach(verified.putArray("missingAddresses")::add);
                });
                if (!done.note().isEmpty()) {
                    node.put("note", done.note());
                }
            }
            case ServerOutcome.Failed failed ->
                node.put("result", failed.kind().name().toLowerCase(Locale.ROOT))
                        .put("stage", failed.stage().wire())
                        .put("message", failed.message());
        }
        return node;
    }

    static String line(ServerOutcome outcome) {
        return switch (outcome) {
            case ServerOutcome.Done done ->
                done.server() + " done in " + done.took().toSeconds() + " s"
                        + done.verification()
                                .map(v -> "; verified " + v.summary())
                                .orElse("")
                        + (done.note().isEmpty() ? "" : "; " + done.note());
            case ServerOutcome.Failed failed ->
                failed.server() + " FAILED in " + failed.stage().wire() + ": " + failed.message();
        };
    }

    /** 0 when every server is done; the failures' exit code when they agree; 1 when they differ. */
    static ExitCode exitCode(List<ServerOutcome> outcomes) {
        List<ExitCode> codes = outcomes.stream()
                .flatMap(o -> o instanceof ServerOutcome.Failed f
                        ? java.util.stream.Stream.of(code(f.kind()))
                        : java.util.stream.Stream.empty())
                .distinct()
                .toList();
        return codes.isEmpty() ? ExitCode.OK : codes.size() == 1 ? codes.getFirst() : ExitCode.FAILED;
    }

    static ExitCode code(ServerOutcome.Kind kind) {
        return switch (kind) {
            case FAILED -> ExitCode.FAILED;
            case REFUSED -> ExitCode.REFUSED;
            case REMOTE -> ExitCode.REMOTE;
            case TIMEOUT -> ExitCode.TIMEOUT;
            case BAD_INPUT -> ExitCode.BAD_INPUT;
        };
    }
}
