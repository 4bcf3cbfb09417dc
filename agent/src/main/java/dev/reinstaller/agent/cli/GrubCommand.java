package dev.reinstaller.agent.cli;

import dev.reinstaller.agent.grub.GrubEntry;
import dev.reinstaller.agent.grub.GrubLocator;
import dev.reinstaller.agent.grub.GrubOneShot;
import dev.reinstaller.protocol.BundleManifest;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code reinstaller-agent grub}: a one-shot GRUB entry that boots the bundle on the next reboot
 * only. The installer then asks for the disk key over its API or on the console.
 */
@Command(
        name = "grub",
        mixinStandardHelpOptions = true,
        description = {
            "Write a one-shot GRUB entry (custom.cfg + grub-reboot) that boots the bundle once.",
            "Nothing is wiped by this: the installer waits for the key and a confirmation."
        })
final class GrubCommand implements Callable<Integer> {
    private final AgentContext context;

    @Mixin
    CommonOptions common;

    @Mixin
    InfoOptions info = new InfoOptions();

    @Option(names = "--bundle", paramLabel = "DIR", required = true, description = "Bundle directory.")
    Path bundleDirectory;

    @Mixin
    ManualBootOptions manual = new ManualBootOptions();

    @Option(names = "--remove", description = "Remove the entry instead.")
    boolean remove;

    GrubCommand(AgentContext context) {
        this.context = context;
    }

    /** JSON result. */
    record Output(String customConfig, String nextBoot, List<String> entry) {}

    @Override
    public Integer call() {
        GrubOneShot oneShot = new GrubOneShot(context.paths(), context.processes());
        try {
            if (remove) {
                Path custom = oneShot.remove();
                report(new Output(custom.toString(), "default", List.of()));
                return ExitCode.OK.code();
            }
            BundleOptions bundle = new BundleOptions();
            bundle.directory = bundleDirectory;
            BundleManifest manifest = bundle.manifest();
            ManualBoot.Line line = manual.line(context, info, manifest.bootParameters());
            List<String> initrds = new ArrayList<>(List.of(manifest.initrd()));
            if (line.cpio() != null) {
                CmdlineCommand.writeCpio(bundleDirectory.resolve(CmdlineCommand.CPIO_FILE), line.cpio());
                initrds.add(CmdlineCommand.CPIO_FILE);
            }
            GrubEntry entry = new GrubEntry(
                    new GrubLocator(context.processes()).locate(bundleDirectory),
                    manifest.kernel(),
                    initrds,
                    line.commandLine());
            GrubOneShot.Outcome outcome = oneShot.install(entry);
            report(new Output(outcome.customConfig().toString(), GrubEntry.TITLE, entry.consoleLines()));
            return ExitCode.OK.code();
        } catch (IllegalStateException e) {
            throw new ExitException(ExitCode.REFUSED, e.getMessage(), e);
        }
    }

    private void report(Output output) {
        if (common.json()) {
            Cli.printJson(context.out(), output);
        } else if (output.entry().isEmpty()) {
            context.out().println("removed the reinstaller entry from " + output.customConfig());
        } else {
            context.out().println("wrote the entry to " + output.customConfig() + "; the next boot (only) starts it:");
            output.entry().forEach(l -> context.out().println("  " + l));
            context.out()
                    .println("reboot when ready; if the installer does not confirm in time, the old system"
                            + " boots again");
        }
    }
}
