package dev.reinstaller.agent.cli;

import dev.reinstaller.agent.grub.GrubEntry;
import dev.reinstaller.agent.grub.GrubLocator;
import dev.reinstaller.protocol.BundleManifest;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import dev.reinstaller.protocol.KernelCommandLine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code reinstaller-agent cmdline}: the kernel parameters for a manual boot of the bundle, or whole
 * GRUB console lines with {@code --grub}. No secret is ever part of them: a manual boot asks for the
 * disk key over the status API or on the console.
 */
@Command(
        name = "cmdline",
        mixinStandardHelpOptions = true,
        description = "Print the kernel parameters (or, with --grub, the GRUB console lines) for a manual boot.")
final class CmdlineCommand implements Callable<Integer> {
    static final String CPIO_FILE = "runtime-info.cpio";

    private final AgentContext context;

    @Mixin
    CommonOptions common;

    @Mixin
    InfoOptions info = new InfoOptions();

    @Mixin
    BundleOptions bundle = new BundleOptions();

    @Mixin
    ManualBootOptions manual = new ManualBootOptions();

    @Option(names = "--grub", description = "Print whole GRUB console lines (needs --bundle).")
    boolean grub;

    @Option(
            names = "--cpio-out",
            paramLabel = "FILE",
            description = "Where to write the runtime-info cpio when the info does not fit on the line"
                    + " (default with --grub: " + CPIO_FILE + " in the bundle directory).")
    Path cpioOut;

    CmdlineCommand(AgentContext context) {
        this.context = context;
    }

    /** The line and where its parts are, for text and JSON output. */
    record Output(
            String commandLine,
            String parameters,
            int bytes,
            int maxBytes,
            boolean infoInCpio,
            String cpioFile,
            List<String> grub) {}

    @Override
    public Integer call() {
        BundleManifest manifest = bundle.given() ? bundle.manifest() : null;
        String base = manifest == null ? "" : manifest.bootParameters();
        if (grub && manifest == null) {
            throw new ExitException(ExitCode.USAGE, "--grub needs --bundle DIR to name the kernel and initrd");
        }
        ManualBoot.Line line = manual.line(context, info, base);
        List<String> initrds = new ArrayList<>();
        if (manifest != null) {
            initrds.add(manifest.initrd());
        }
        String cpioFile = null;
        if (line.cpio() != null) {
            Path target = cpioOut != null ? cpioOut : grub ? bundle.directory.resolve(CPIO_FILE) : null;
            if (target == null) {
                throw new ExitException(
                        ExitCode.REFUSED,
                        "runtime info does not fit on the kernel command line;"
                                + " pass --cpio-out FILE to write it as a cpio to load as a second initrd");
            }
            writeCpio(target, line.cpio());
            cpioFile = target.toString();
            initrds.add(target.getFileName().toString());
        }
        List<String> grubLines;
        try {
            grubLines = grubLines(manifest, initrds, line);
        } catch (IllegalStateException e) {
            throw new ExitException(ExitCode.REFUSED, e.getMessage(), e);
        }
        Output out = new Output(
                line.commandLine(),
                line.ours(),
                KernelCommandLine.byteLength(line.commandLine()) + 1,
                KernelCommandLine.MAX_BYTES,
                line.cpio() != null,
                cpioFile,
                grubLines);
        if (common.json()) {
            Cli.printJson(context.out(), out);
        } else if (grub) {
            grubLines.forEach(context.out()::println);
        } else {
            context.out().println(line.commandLine());
        }
        if (cpioFile != null) {
            context.err().println("runtime info is in " + cpioFile + ": load it as a second initrd after the bundle's");
        }
        return ExitCode.OK.code();
    }

    private List<String> grubLines(BundleManifest manifest, List<String> initrds, ManualBoot.Line line) {
        if (!grub) {
            return List.of();
        }
        return new GrubEntry(
                        new GrubLocator(context.processes()).locate(bundle.directory),
                        manifest.kernel(),
                        initrds,
                        line.commandLine())
                .consoleLines();
    }

    static void writeCpio(Path target, byte[] cpio) {
        try {
            Files.write(target, cpio);
        } catch (IOException e) {
            throw new ExitException(ExitCode.FAILED, "cannot write " + target + ": " + e.getMessage(), e);
        }
    }
}
