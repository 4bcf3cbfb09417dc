package dev.reinstaller.cloud.cli;

import dev.reinstaller.cloud.hetzner.CreateServer;
import dev.reinstaller.cloud.hetzner.HetznerApi;
import dev.reinstaller.cloud.hetzner.HetznerConfig;
import dev.reinstaller.cloud.hetzner.HetznerException;
import dev.reinstaller.cloud.hetzner.Server;
import dev.reinstaller.cloud.reinstall.TestVm;
import dev.reinstaller.cloud.wait.DeadlineExceededException;
import dev.reinstaller.protocol.ExitCode;
import dev.reinstaller.protocol.ExitException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code reinstaller hetzner recreate-test-vm}: delete (only when it carries the test label) and create
 * a test server, wait for its SSH, then reinstall it with the reinstall options given after {@code --}.
 */
@Command(
        name = "recreate-test-vm",
        mixinStandardHelpOptions = true,
        description = {
            "Delete and create a labelled test server, then reinstall it.",
            "The server NAME is deleted only if it carries the label " + TestVm.LABEL + "=true (any other",
            "server of that name is left alone and stops the run); it is created with the label, SSH is",
            "awaited, and the arguments after -- go to `hetzner reinstall` (e.g. -- --trust-first-use",
            "--disk-key-file F)."
        })
final class RecreateTestVmCommand implements Callable<Integer> {
    private final CloudContext context;
    private final Main main;

    @Option(names = "--name", required = true, paramLabel = "NAME", description = "Server name.")
    String name;

    @Option(names = "--type", required = true, paramLabel = "TYPE", description = "Server type, e.g. cx22.")
    String type;

    @Option(names = "--image", required = true, paramLabel = "IMAGE", description = "Image, e.g. debian-12.")
    String image;

    @Option(names = "--location", required = true, paramLabel = "LOC", description = "Location, e.g. fsn1.")
    String location;

    @Option(
            names = "--ssh-key",
            required = true,
            paramLabel = "KEY",
            description = "Project SSH key (name or id) for root (repeatable).")
    List<String> sshKeys = new ArrayList<>();

    @Option(
            names = "--ssh-port",
            paramLabel = "PORT",
            defaultValue = "22",
            hidden = true,
            description = "Port to wait for SSH on.")
    int sshPort;

    @Option(
            names = "--timeout",
            paramLabel = "SECONDS",
            defaultValue = "600",
            description = "Wait for each action and for SSH (default 600).")
    long timeout;

    @Parameters(paramLabel = "REINSTALL-ARGS", description = "Options for `hetzner reinstall`, after --.")
    List<String> reinstall = new ArrayList<>();

    RecreateTestVmCommand(CloudContext context, Main main) {
        this.context = context;
        this.main = main;
    }

    @Override
    public Integer call() {
        HetznerConfig config = HetznerConfig.fromEnvironment(context.environment())
                .orElseThrow(() -> new ExitException(ExitCode.USAGE, "set HCLOUD_TOKEN to a Hetzner Cloud API token"));
        HetznerApi api = context.api().apply(config);
        Server server;
        try {
            TestVm vm = new TestVm(api, context.waiter(), Duration.ofSeconds(timeout));
            server = vm.recreate(new CreateServer(name, type, image, location, sshKeys, Map.of()));
            context.err()
                    .println("reinstaller: created " + server + " at " + server.sshAddress() + "; waiting for SSH");
            vm.awaitSsh(server.sshAddress(), sshPort);
        } catch (TestVm.NotATestServer e) {
            throw new ExitException(ExitCode.REFUSED, e.getMessage(), e);
        } catch (HetznerException e) {
            throw new ExitException(ExitCode.REMOTE, e.getMessage(), e);
        } catch (DeadlineExceededException e) {
            throw new ExitException(ExitCode.TIMEOUT, e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new ExitException(ExitCode.USAGE, e.getMessage(), e);
        } finally {
            Closing.quietly(api);
        }
        List<String> args = new ArrayList<>(List.of("hetzner", "reinstall", "--server", Long.toString(server.id())));
        args.addAll(reinstall);
        return main.run(args.toArray(String[]::new));
    }
}
