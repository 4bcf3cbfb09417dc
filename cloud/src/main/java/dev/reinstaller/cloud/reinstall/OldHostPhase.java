package dev.reinstaller.cloud.reinstall;

import dev.reinstaller.cloud.ssh.ExecResult;
import dev.reinstaller.cloud.ssh.HostKeyPolicy;
import dev.reinstaller.cloud.ssh.KnownHosts;
import dev.reinstaller.cloud.ssh.SshException;
import dev.reinstaller.cloud.ssh.SshSession;
import dev.reinstaller.cloud.ssh.SshTarget;
import dev.reinstaller.cloud.ssh.SyncReport;
import dev.reinstaller.cloud.wait.Poll;
import dev.reinstaller.protocol.After;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.Result;
import dev.reinstaller.protocol.RuntimeInfo;
import dev.reinstaller.protocol.RuntimeInfoJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The steps on the old host, up to the kexec: connect, upload agent and bundle, {@code preflight},
 * {@code plan} (the confirmation token), {@code facts} (runtime info, kept for the verification and a
 * rescue attempt), {@code install} with the disk key on stdin.
 *
 * <p>From the rescue system ({@code rescueOf} present) the host key is new, so it is trusted on first
 * use for this attempt only (never written to known_hosts; a key of the old host or the ramdisk is
 * waited out, not trusted); {@code plan} names the first plan's disk with {@code --disk} and must
 * yield the first plan's token (same machine, disk serial and size); {@code preflight} and
 * {@code install} get the first runtime info with {@code --info}, so the installed host keeps its
 * name, keys and network instead of the rescue system's, and preflight checks that disk's identity.
 */
final class OldHostPhase {
    static final String INFO_DIR = "info";
    static final String INFO_FILE = "runtime-info.json";

    /**
     * What the old host's agent said.
     *
     * @param hostKey the old host's (or rescue system's) key
     * @param ramdiskKey the ramdisk's key the agent generated
     * @param planned what the plan found (with both keys among its earlier keys)
     * @param firstUse the old host's fingerprint when it was trusted on first use (recorded in known_hosts)
     */
    record Started(String hostKey, String ramdiskKey, Planned planned, Optional<String> firstUse) {}

    private final PhaseContext context;

    OldHostPhase(PhaseContext context) {
        this.context = context;
    }

    /** @param where is told each stage, and the plan as soon as it is known, so a failure after it can carry it */
    Started run(Host server, SshTarget host, byte[] diskKey, Optional<Planned> rescueOf, AttemptListener where) {
        Deadlines d = context.settings().deadlines();
        boolean unknown = rescueOf.isEmpty()
                && KnownHosts.keysFor(context.settings().knownHosts(), host.host(), host.port())
                        .isEmpty();
        context.progress()
                .stage(server, Stage.CONNECT, "ssh " + host.describe() + (rescueOf.isPresent() ? " (rescue)" : ""));
        try (SshSession session = rescueOf.isPresent()
                ? rescue(host, rescueOf.get())
                : context.ssh()
                        .connect(
                                host,
                                new HostKeyPolicy.KnownHostsFile(
                                        context.settings().knownHosts(),
                                        context.settings().trustFirstUse()),
                                d.connect())) {
            String hostKey = session.hostKey();
            Optional<String> firstUse = unknown ? Optional.of(KnownHosts.fingerprint(hostKey)) : Optional.empty();
            firstUse.ifPresent(f -> context.progress()
                    .stage(
                            server,
                            Stage.CONNECT,
                            "trusted the old host's key " + f + " on first use (--trust-first-use) and recorded it"
                                    + " in " + context.settings().knownHosts()));
            if (rescueOf.isPresent()) {
                context.progress()
                        .stage(
                                server,
                                Stage.CONNECT,
                                "trusting the rescue system's new host key " + KnownHosts.fingerprint(hostKey)
                                        + " on first use, for this attempt only (not written to "
                                        + context.settings().knownHosts()
                                        + ")");
            }
            where.entered(Stage.UPLOAD);
            upload(server, session, rescueOf);
            String info = rescueOf.map(p -> " --info " + remoteInfo()).orElse("");

            where.entered(Stage.PREFLIGHT);
            ExecResult.Exited preflight = AgentRun.exited(
                    Stage.PREFLIGHT, server, session.exec(agent("preflight" + info, true), new byte[0], d.step()));
            context.progress().output(server, Stage.PREFLIGHT, AgentOutput.preflightSummary(preflight.stdout()));
            if (preflight.code() == ExitCode.REFUSED.code()) {
                throw new StageFailure(
                        Stage.PREFLIGHT,
                        ServerOutcome.Kind.REFUSED,
                        "preflight refused " + server + ": "
                                + ReinstallService.reason(preflight.stderr(), "see the checks above"),
                        null);
            }
            AgentRun.requireOk(Stage.PREFLIGHT, server, preflight);

            where.entered(Stage.PLAN);
            String disk = rescueOf.map(p -> " --disk " + ReinstallService.shellWord(p.disk()))
                    .orElse("");
            ExecResult.Exited plan = AgentRun.exited(
                    Stage.PLAN, server, session.exec(agent("plan" + disk + diskOnly(), false), new byte[0], d.step()));
            AgentRun.requireOk(Stage.PLAN, server, plan);
            String token = AgentOutput.field(plan.stdout(), "confirmationToken")
                    .orElseThrow(() -> new StageFailure(
                            Stage.PLAN,
                            ServerOutcome.Kind.BAD_INPUT,
                            "plan on " + server + " printed no confirmationToken",
                            null));
            context.progress().stage(server, Stage.PLAN, "confirmation token " + token);
            Planned planned =
                    rescueOf.isPresent() ? sameDisk(server, rescueOf.get(), token) : facts(server, session, token);
            where.planned(planned);

            where.entered(Stage.INSTALL);
            String ramdiskKey = AgentRun.install(
                    server,
                    session,
                    agent("install" + info, true) + installOptions(token),
                    diskKey,
                    d.step(),
                    context.progress());
            List<String> earlier = new ArrayList<>(planned.earlierKeys());
            earlier.add(hostKey);
            earlier.add(ramdiskKey);
            Planned withKeys = new Planned(planned.token(), planned.info(), earlier);
            where.planned(withKeys);
            return new Started(hostKey, ramdiskKey, withKeys, firstUse);
        }
    }

    private String diskOnly() {
        return context.settings().diskOnlyConfirmation() ? " --disk-only-confirmation" : "";
    }

    private String installOptions(String token) {
        return " --confirm " + ReinstallService.shellWord(token) + " --disk-key-stdin" + diskOnly()
                + context.settings()
                        .extraFlake()
                        .map(u -> " --extra-flake " + ReinstallService.shellWord(u))
                        .orElse("")
                + context.settings()
                        .closure()
                        .map(c -> " --closure " + ReinstallService.shellWord(c))
                        .orElse("")
                + (context.settings().after() == After.REBOOT
                        ? ""
                        : " --after " + context.settings().after().parameter());
    }

    private SshSession rescue(SshTarget host, Planned first) {
        HostKeyPolicy firstUse = new HostKeyPolicy.FirstUse(first.earlierKeys());
        Deadlines d = context.settings().deadlines();
        return context.waiter()
                .until(
                        "reach the rescue system of " + host.describe() + " by SSH",
                        d.ramdisk(),
                        RamdiskPhase.RECONNECT,
                        () -> {
                            try {
                                return Poll.done(context.ssh().connect(host, firstUse, d.connect()));
                            } catch (SshException e) {
                                return switch (e.kind()) {
                                    case UNREACHABLE, TIMEOUT, DISCONNECTED, HOST_KEY -> Poll.again(e.getMessage());
                                    case AUTH, IO -> throw e;
                                };
                            }
                        });
    }

    private void upload(Host server, SshSession session, Optional<Planned> rescueOf) {
        Deadlines d = context.settings().deadlines();
        SyncReport agent =
                session.sync(context.settings().agentDist(), context.settings().remoteDir() + "/agent", d.step());
        SyncReport bundle =
                session.sync(context.settings().bundle(), context.settings().remoteBundle(), d.step());
        if (rescueOf.isPresent()) {
            uploadInfo(session, rescueOf.get().info());
        }
        context.progress()
                .stage(
                        server,
                        Stage.UPLOAD,
                        "sent " + (agent.uploaded().size() + bundle.uploaded().size())
                                + " files (" + (agent.bytesSent() + bundle.bytesSent()) + " bytes), "
                                + (agent.skipped().size() + bundle.skipped().size()) + " already there");
    }

    private void uploadInfo(SshSession session, RuntimeInfo info) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("reinstaller-info-");
            Files.write(dir.resolve(INFO_FILE), RuntimeInfoJson.toBytes(info));
            session.sync(
                    dir,
                    context.settings().remoteDir() + "/" + INFO_DIR,
                    context.settings().deadlines().step());
        } catch (IOException e) {
            throw new SshException(
                    SshException.Kind.IO, "cannot stage the runtime info for upload: " + e.getMessage(), e);
        } finally {
            if (dir != null) {
                try {
                    Files.deleteIfExists(dir.resolve(INFO_FILE));
                    Files.deleteIfExists(dir);
                } catch (IOException e) {
                    // Runtime info holds no secret; a leftover temporary file is harmless.
                }
            }
        }
    }

    private String remoteInfo() {
        return context.settings().remoteDir() + "/" + INFO_DIR + "/" + INFO_FILE;
    }

    /** The rescue system's plan must find the disk the first plan found. */
    private Planned sameDisk(Host server, Planned first, String token) {
        if (!token.equals(first.token())) {
            throw new StageFailure(
                    Stage.PLAN,
                    ServerOutcome.Kind.REFUSED,
                    "from rescue, " + first.disk() + " on " + server + " gives the token " + token
                            + ", the first plan's" + " was " + first.token()
                            + ": not the same machine and disk, so nothing is installed",
                    null);
        }
        context.progress().stage(server, Stage.PLAN, "the rescue system finds the first plan's disk " + first.disk());
        return first;
    }

    private Planned facts(Host server, SshSession session, String token) {
        ExecResult.Exited facts = AgentRun.exited(
                Stage.PLAN,
                server,
                session.exec(
                        agent("facts", false),
                        new byte[0],
                        context.settings().deadlines().step()));
        AgentRun.requireOk(Stage.PLAN, server, facts);
        byte[] json = AgentOutput.first(facts.stdout())
                .map(node -> node.path("runtimeInfo").toString().getBytes(StandardCharsets.UTF_8))
                .orElse(new byte[0]);
        RuntimeInfo info = switch (RuntimeInfoJson.read(json, "facts on " + server)) {
            case Result.Ok<RuntimeInfo> ok -> ok.value();
            case Result.Error<RuntimeInfo> error ->
                throw new StageFailure(
                        Stage.PLAN,
                        ServerOutcome.Kind.BAD_INPUT,
                        "facts on " + server + " printed no usable runtime info: "
                                + error.error().message(),
                        null);
        };
        return new Planned(token, info, List.of());
    }

    private String agent(String subcommand, boolean bundle) {
        return context.settings().agentCommand() + " " + subcommand
                + (bundle ? " --bundle " + context.settings().remoteBundle() : "") + " --json";
    }
}
