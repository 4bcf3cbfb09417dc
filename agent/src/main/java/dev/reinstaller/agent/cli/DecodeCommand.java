package dev.reinstaller.agent.cli;

import dev.reinstaller.protocol.BootDecoder;
import dev.reinstaller.protocol.BootParameters;
import dev.reinstaller.protocol.BoundedInput;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import dev.reinstaller.protocol.Result;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code reinstaller-agent decode}: prints the runtime info a kernel command line carries. */
@Command(
        name = "decode",
        mixinStandardHelpOptions = true,
        description = {
            "Decode the reinstaller parameters of a kernel command line and print the runtime info.",
            "The line comes from the argument, from --file, from stdin with '-', or from /proc/cmdline."
        })
final class DecodeCommand implements Callable<Integer> {
    private final AgentContext context;

    @Mixin
    CommonOptions common;

    @Parameters(arity = "0..1", paramLabel = "LINE", description = "The command line, or '-' to read it from stdin.")
    String line;

    @Option(names = "--file", paramLabel = "FILE", description = "Read the command line from FILE.")
    Path file;

    @Option(
            names = "--cpio-info",
            paramLabel = "FILE",
            description = "runtime-info.json from the appended cpio, for a line with reinstaller.info=cpio.")
    Path cpioInfo;

    DecodeCommand(AgentContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        String cmdline = readLine();
        BootParameters parameters = switch (BootDecoder.decode(cmdline)) {
            case Result.Ok<BootParameters> ok -> ok.value();
            case Result.Error<BootParameters> error -> throw Cli.badInput(error.error());
        };
        BootView view = BootView.of(
                parameters, cpioInfo == null ? null : Cli.read("--cpio-info", cpioInfo, BoundedInput.JSON_CAP));
        if (common.json()) {
            Cli.printJson(context.out(), view);
        } else {
            view.print(context.out());
        }
        return ExitCode.OK.code();
    }

    private String readLine() {
        if (file != null) {
            return text(Cli.read("--file", file, BoundedInput.COMMAND_LINE_CAP));
        }
        if ("-".equals(line)) {
            return text(Cli.readStdin("LINE '-'", context.stdin(), BoundedInput.COMMAND_LINE_CAP));
        }
        if (line != null) {
            return line;
        }
        Path proc = context.paths().resolve("/proc/cmdline");
        try {
            return text(BoundedInput.read(proc, BoundedInput.COMMAND_LINE_CAP, "/proc/cmdline"));
        } catch (IOException e) {
            throw new ExitException(ExitCode.FAILED, "cannot read /proc/cmdline: " + e.getMessage(), e);
        }
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
