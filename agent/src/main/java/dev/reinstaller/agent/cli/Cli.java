package dev.reinstaller.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reinstaller.protocol.DecodeError;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;

/** Small shared pieces of the commands: JSON output, input files, error mapping. */
final class Cli {
    private static final ObjectMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private Cli() {}

    static void printJson(PrintWriter out, Object value) {
        try {
            out.println(JSON.writeValueAsString(value));
        } catch (JsonProcessingException e) {
            throw new ExitException(ExitCode.FAILED, "cannot render JSON: " + e.getOriginalMessage(), e);
        }
    }

    static ExitException badInput(DecodeError error) {
        return new ExitException(ExitCode.BAD_INPUT, error.message());
    }

    static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ExitException(ExitCode.BAD_INPUT, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
