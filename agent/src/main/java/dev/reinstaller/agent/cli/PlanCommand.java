package dev.reinstaller.agent.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reinstaller-agent plan}. */
@Command(name = "plan", mixinStandardHelpOptions = true, description = "Not implemented yet.")
final class PlanCommand implements Callable<Integer> {
    private final AgentContext context;

    @Mixin
    CommonOptions common;

    PlanCommand(AgentContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        throw new ExitException(
                ExitCode.FAILED,
                "plan is not implemented yet (" + context.paths().root() + ")");
    }
}
