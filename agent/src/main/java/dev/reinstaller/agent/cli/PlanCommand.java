package dev.reinstaller.agent.cli;

import dev.reinstaller.agent.facts.Facts;
import dev.reinstaller.agent.facts.Finding;
import dev.reinstaller.agent.facts.Partition;
import dev.reinstaller.agent.facts.TargetDiskState;
import dev.reinstaller.agent.plan.Plan;
import dev.reinstaller.agent.plan.PlanPrinter;
import dev.reinstaller.protocol.BoundedInput;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.Result;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfoJson;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code reinstaller-agent plan}: what an install would do, in words, and the confirmation token. */
@Command(
        name = "plan",
        mixinStandardHelpOptions = true,
        description = {
            "Show what an install would do, and the confirmation token; nothing is changed.",
            "In words: the disk that is wiped and what is on it now, whether the old data is zeroed, the new",
            "layout, the network the new system restores and the flake."
        })
final class PlanCommand implements Callable<Integer> {
    private final AgentContext context;

    @Mixin
    CommonOptions common;

    @Mixin
    InfoOptions info;

    @Mixin
    WipeOptions wipe;

    @Mixin
    DiskOnlyOption diskOnly = new DiskOnlyOption();

    PlanCommand(AgentContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Plan plan;
        if (info.infoFile != null) {
            RuntimeInfo runtimeInfo = switch (RuntimeInfoJson.read(
                    Cli.read("--info", info.infoFile, BoundedInput.JSON_CAP), info.infoFile.toString())) {
                case Result.Ok<RuntimeInfo> ok -> ok.value();
                case Result.Error<RuntimeInfo> error -> throw Cli.badInput(error.error());
            };
            plan = Plan.of(
                    diskOnly.require(runtimeInfo),
                    List.of("(runtime info from " + info.infoFile + ": the disk was not inspected)"),
                    List.of(),
                    wipe.wipe());
        } else {
            Facts facts = HostFacts.gather(context, info.disk, info.metadataUrl);
            plan = Plan.of(
                    diskOnly.require(facts.info()),
                    diskNow(facts.target()),
                    facts.findings().stream().map(PlanCommand::finding).toList(),
                    wipe.wipe());
        }
        if (common.json()) {
            Cli.printJson(context.out(), plan);
        } else {
            PlanPrinter.print(plan, context.out());
        }
        return ExitCode.OK.code();
    }

    static List<String> diskNow(TargetDiskState target) {
        List<String> lines = new ArrayList<>();
        for (Partition p : target.partitions()) {
            lines.add("partition " + p.name() + ", " + p.sizeBytes() + " bytes"
                    + (p.fstype() == null ? "" : ", " + p.fstype()));
        }
        if (!target.mountpoints().isEmpty()) {
            lines.add("mounted at " + String.join(", ", target.mountpoints()) + " (this running system)");
        }
        if (!target.zfsPools().isEmpty()) {
            lines.add("ZFS pools: " + String.join(", ", target.zfsPools()) + " (destroyed, never imported)");
        }
        if (!target.holders().isEmpty()) {
            lines.add("in use by: " + String.join(", ", target.holders()));
        }
        if (!target.signatures().isEmpty()) {
            lines.add("signatures: " + String.join(", ", target.signatures()) + " (all cleared)");
        }
        return lines;
    }

    private static String finding(Finding f) {
        return f.level().name().toLowerCase(java.util.Locale.ROOT) + " (" + f.source() + "): " + f.message();
    }
}
