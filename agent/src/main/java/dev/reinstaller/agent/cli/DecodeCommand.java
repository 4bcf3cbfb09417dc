package dev.reinstaller.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reinstaller-agent decode}. */
@Command(name = "decode", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class DecodeCommand implements Callable<Integer> {
    private final AgentContext context;

    @Mixin
    CommonOptions common;

    DecodeCommand(AgentContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new ExitException(
                ExitCode.FAILED,
                "decode is not implemented yet (" + context.paths().root() + ")");
    }
}
