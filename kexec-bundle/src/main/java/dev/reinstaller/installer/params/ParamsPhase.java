package dev.reinstaller.installer.params;

import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.installer.events.Events;
import dev.reinstaller.installer.events.Phase;
import dev.reinstaller.installer.run.LoadedInfo;
import dev.reinstaller.installer.run.PhaseAction;
import dev.reinstaller.installer.run.RunState;
import dev.reinstaller.installer.secrets.DiskKey;
import dev.reinstaller.installer.secrets.SecretsDir;
import dev.reinstaller.installer.system.Clock;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import dev.reinstaller.protocol.BootDecoder;
import dev.reinstaller.protocol.BootParameters;
import dev.reinstaller.protocol.InfoCodec;
import dev.reinstaller.protocol.InfoSource;
import dev.reinstaller.protocol.Result;
import dev.reinstaller.protocol.RuntimeInfo;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code params}: reads {@code /proc/cmdline}, decodes the {@code reinstaller.*} parameters, moves the
 * appended cpio's files into the root-only {@link SecretsDir}, and loads runtime info from where the
 * parameters say (the command line, the cpio, the metadata service, or the original system's
 * {@code runtime_info=}, completed here from this machine by {@link LegacyHost}) into one
 * {@link LoadedInfo}, which is all that later phases see of it. A disk key found in the cpio is taken into memory, unjudged (confirm judges
 * it) and never logged. Bad parameters fail the phase with the decoder's message, which the runner
 * turns into an error event and the watchdog path.
 */
public final class ParamsPhase implements PhaseAction {
    static final String INFO_FILE = "runtime-info.json";
    static final String KEY_FILE = "disk-key";

    private final InstallerPaths paths;
    private final Events events;
    private final MetadataDiscovery discovery;

    /**
     * @param processes ordinary (policed) commands: the temporary link for a link-local metadata service
     */
    public ParamsPhase(
            InstallerPaths paths, Events events, MetadataSource.Factory metadata, Clock clock, Processes processes) {
        this.paths = paths;
        this.events = events;
        this.discovery = new MetadataDiscovery(paths, metadata, clock, events, processes);
    }

    @Override
    public void run(RunState state) {
        BootParameters parameters = switch (BootDecoder.decode(cmdline())) {
            case Result.Ok<BootParameters> ok -> ok.value();
            case Result.Error<BootParameters> error ->
                throw InstallerException.refused(
                        "the kernel parameters are unusable: " + error.error().message());
        };
        state.parameters(parameters);
        SecretsDir secrets = new SecretsDir(paths);
        List<String> moved = secrets.takeCpioFiles();
        if (!moved.isEmpty()) {
            events.log(
                    Phase.PARAMS,
                    "moved " + moved + " from " + InstallerPaths.CPIO_DIR + " into " + InstallerPaths.SECRETS);
        }
        LoadedInfo info = load(parameters.source(), secrets);
        state.info(info);
        secrets.read(KEY_FILE).ifPresent(bytes -> {
            state.diskKey(DiskKey.take(bytes));
            events.log(Phase.PARAMS, "a disk key arrived in the cpio");
        });
        events.log(Phase.PARAMS, summary(info, parameters));
    }

    private LoadedInfo load(InfoSource source, SecretsDir secrets) {
        return switch (source) {
            case InfoSource.Inline inline -> LoadedInfo.current(inline.info(), "reinstaller.info");
            case InfoSource.InCpio cpio -> LoadedInfo.current(fromCpio(cpio.crc(), secrets), "cpio");
            case InfoSource.Metadata metadata -> LoadedInfo.current(discovery.discover(metadata.url()), "metadata");
            case InfoSource.Legacy legacy -> {
                events.log(
                        Phase.PARAMS,
                        "the original system's runtime_info= names no disk serial or size: this"
                                + " install waits for an explicit confirmation (POST /confirm or the console)");
                yield LegacyHost.resolve(legacy.info(), paths, events);
            }
        };
    }

    private static RuntimeInfo fromCpio(String crc, SecretsDir secrets) {
        byte[] json = secrets.read(INFO_FILE)
                .orElseThrow(() -> InstallerException.refused(
                        "reinstaller.info=cpio, but the appended cpio held no " + BootParameters.CPIO_INFO));
        return switch (InfoCodec.decodeJson(json, crc, BootParameters.CPIO_INFO)) {
            case Result.Ok<RuntimeInfo> ok -> ok.value();
            case Result.Error<RuntimeInfo> error ->
                throw InstallerException.refused("the runtime info in the cpio is unusable: "
                        + error.error().message());
        };
    }

    private String cmdline() {
        Path file = paths.proc().resolve("cmdline");
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InstallerException(
                    InstallerException.Category.PERMANENT, "cannot read /proc/cmdline: " + e.getMessage(), e);
        }
    }

    private static String summary(LoadedInfo loaded, BootParameters parameters) {
        RuntimeInfo info = loaded.info();
        return "runtime info from " + loaded.origin() + ": host " + info.hostName() + ", disk "
                + info.targetDisk().name() + ", machine " + info.machine().identity() + "; deadline "
                + parameters.deadline().toSeconds() + " s; confirmation token "
                + (parameters.confirm().isPresent() && !loaded.explicitConfirmation()
                        ? "on the command line"
                        : "to be sent");
    }
}
