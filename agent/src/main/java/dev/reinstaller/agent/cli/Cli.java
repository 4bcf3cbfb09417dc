package dev.reinstaller.agent.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reinstaller.protocol.BoundedInput;
import dev.reinstaller.protocol.DecodeError;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import dev.reinstaller.protocol.Quoted;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
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

    /**
     * The file an option names, at most {@code cap} bytes; anything else is bad input (exit 6) with
     * one wording in every command: the option, the file, and what is wrong.
     */
    static byte[] read(String option, Path file, int cap) {
        try {
            return BoundedInput.read(file, cap, option + " " + Quoted.of(file.toString()));
        } catch (BoundedInput.TooLarge e) {
            throw new ExitException(ExitCode.BAD_INPUT, e.getMessage(), e);
        } catch (IOException e) {
            throw unreadable(option, file, e);
        }
    }

    /** Standard input, at most {@code cap} bytes, for {@code option}. */
    static byte[] readStdin(String option, java.io.InputStream in, int cap) {
        try {
            return BoundedInput.read(in, cap, option + " (standard input)");
        } catch (BoundedInput.TooLarge e) {
            throw new ExitException(ExitCode.BAD_INPUT, e.getMessage(), e);
        } catch (IOException e) {
            throw new ExitException(
                    ExitCode.BAD_INPUT, option + ": cannot read standard input: " + Quoted.of(e.getMessage()), e);
        }
    }

    static ExitException unreadable(String option, Path file, IOException e) {
        String why = switch (e) {
            case NoSuchFileException n -> "no such file";
            case AccessDeniedException a -> "permission denied";
            default -> Quoted.of(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        };
        return new ExitException(
                ExitCode.BAD_INPUT, option + " " + Quoted.of(file.toString()) + ": cannot read it: " + why, e);
    }
}
