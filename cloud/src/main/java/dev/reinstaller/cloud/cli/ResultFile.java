package dev.reinstaller.cloud.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.reinstaller.cloud.reinstall.ServerOutcome;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;

/**
 * {@code --result-file}: the run's result as one JSON document, {@code {"servers": [...]}}, each server
 * with {@code server}, {@code serverId}, {@code status} ({@code installed}, or the failure's category:
 * {@code failed}, {@code refused}, {@code remote}, {@code timeout}, {@code bad_input}), the fields of a
 * {@code --json} outcome line ({@code ramdiskHostKey}, {@code sshHostKey}, {@code initrdHostKey},
 * {@code hostKeys}, {@code verification} with {@code hostName}, {@code expectedHostName}, {@code pool},
 * {@code ok}, {@code addresses}, {@code missingAddresses} when the installed host was checked, and
 * {@code note}; {@code stage}, {@code message}). Written whole through a rename, so a reader never
 * sees half a file. Holds no secret.
 */
final class ResultFile {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private ResultFile() {}

    static void write(Path file, List<ServerOutcome> outcomes) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode servers = root.putArray("servers");
        for (ServerOutcome outcome : outcomes) {
            ObjectNode node = JSON.createObjectNode();
            Outcomes.identify(node, outcome.server());
            node.put(
                    "status",
                    switch (outcome) {
                        case ServerOutcome.Done d -> "installed";
                        case ServerOutcome.Failed f -> f.kind().name().toLowerCase(Locale.ROOT);
                    });
            Outcomes.json(node, outcome).remove("result");
            servers.add(node);
        }
        try {
            Path absolute = file.toAbsolutePath();
            if (absolute.getParent() != null) {
                Files.createDirectories(absolute.getParent());
            }
            Path temporary = absolute.resolveSibling(absolute.getFileName() + ".part");
            Files.writeString(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
            Files.move(temporary, absolute, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ExitException(ExitCode.FAILED, "cannot write the result file " + file + ": " + e.getMessage(), e);
        }
    }
}
