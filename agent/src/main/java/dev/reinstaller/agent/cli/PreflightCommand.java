package dev.reinstaller.agent.cli;

import dev.reinstaller.agent.bundle.Bundle;
import dev.reinstaller.agent.bundle.BundleException;
import dev.reinstaller.agent.preflight.CheckResult;
import dev.reinstaller.agent.preflight.Preflight;
import dev.reinstaller.agent.preflight.PreflightReport;
import dev.reinstaller.agent.preflight.PreflightRequest;
import dev.reinstaller.protocol.BootEncoder;
import dev.reinstaller.protocol.ConfirmationToken;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import dev.reinstaller.protocol.RuntimeInfo;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code reinstaller-agent preflight}: every check an install runs, and a real kexec load + unload. */
@Command(
        name = "preflight",
        mixinStandardHelpOptions = true,
        description = {
            "Check that this host can be reinstalled with the bundle: each check passes, warns or fails with a reason.",
            "Includes a real load and unload of the bundle's kernel. Nothing is changed."
        })
final class PreflightCommand implements Callable<Integer> {
    private final AgentContext context;

    @Mixin
    CommonOptions common;

    @Mixin
    InfoOptions info;

    @Mixin
    DiskKeyOptions diskKey;

    @Option(names = "--bundle", paramLabel = "DIR", required = true, description = "Bundle directory.")
    Path bundleDirectory;

    @Option(names = "--no-load-probe", description = "Skip the real kexec load + unload.")
    boolean noLoadProbe;

    PreflightCommand(AgentContext context) {
        this.context = context;
    }

    @Override
    public Integer call() {
        Bundle bundle = open(bundleDirectory);
        RuntimeInfo runtimeInfo = info.resolve(context);
        Optional<byte[]> key = diskKey.read(context, false);
        try {
            PreflightReport report = new Preflight(
                            context.paths(),
                            context.processes(),
                            context.kexec().apply(bundle.kexecBinary()))
                    .run(new PreflightRequest(
                            bundle, runtimeInfo, installLine(runtimeInfo, bundle), key, !noLoadProbe));
            if (common.json()) {
                Cli.printJson(context.out(), report);
            } else {
                for (CheckResult check : report.checks()) {
                    context.out().printf("%-4s %-14s %s%n", check.status(), check.id(), check.reason());
                }
                context.out().println(report.passed() ? "preflight passed" : "preflight FAILED");
            }
            return report.passed() ? ExitCode.OK.code() : ExitCode.REFUSED.code();
        } finally {
            key.ifPresent(k -> Arrays.fill(k, (byte) 0));
        }
    }

    /** The line an install would use: the bundle's parameters, runtime info and the token. */
    static String installLine(RuntimeInfo info, Bundle bundle) {
        try {
            return BootEncoder.encode(new BootEncoder.Request(
                            info,
                            bundle.manifest().bootParameters(),
                            Optional.of(ConfirmationToken.of(info)),
                            Optional.empty(),
                            false))
                    .commandLine();
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCode.REFUSED, e.getMessage(), e);
        }
    }

    static Bundle open(Path directory) {
        try {
            return Bundle.open(directory);
        } catch (BundleException e) {
            throw new ExitException(ExitCode.BAD_INPUT, e.getMessage(), e);
        }
    }
}
