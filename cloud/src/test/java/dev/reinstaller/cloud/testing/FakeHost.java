package dev.reinstaller.cloud.testing;

import dev.reinstaller.agent.install.SshHostKey;
import dev.reinstaller.cloud.testing.TestSshServer.Reply;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One machine for reinstall tests: an SSH server that first plays the old host, whose exec handler
 * fakes {@code reinstaller-agent preflight|plan|install} (install prints the ramdisk host key, then drops
 * the connection), and from then on answers with the ramdisk's pre-generated host key, forwarding to the
 * status API. Scripted answers override the defaults per subcommand.
 */
public final class FakeHost implements AutoCloseable {
    public static final String TOKEN = "SERIAL-42:QM00001:20480";

    private final TestSshServer ssh;
    private final SshHostKey oldKey;
    private final SshHostKey ramdiskKey;
    private final Path ramdiskKeyFile;
    private final Map<String, Function<byte[], Reply>> overrides = new ConcurrentHashMap<>();
    private volatile byte[] keyReceived;

    public FakeHost(Path dir, String name, String clientPublicKey) throws Exception {
        Files.createDirectories(dir);
        Path oldKeyFile = dir.resolve("old_host_key");
        oldKey = TestKeys.write(oldKeyFile, name);
        ramdiskKeyFile = dir.resolve("ramdisk_host_key");
        ramdiskKey = TestKeys.write(ramdiskKeyFile, "reinstaller-ramdisk@" + name);
        Path root = Files.createDirectories(dir.resolve("root"));
        ssh = new TestSshServer(oldKeyFile, clientPublicKey, root, this::agent);
    }

    /** Replaces the default answer of one agent subcommand ({@code preflight}, {@code plan}, {@code install}). */
    public FakeHost on(String subcommand, Function<byte[], Reply> reply) {
        overrides.put(subcommand, reply);
        return this;
    }

    private Reply agent(String command, byte[] stdin) {
        String sub = command.contains(" preflight ")
                ? "preflight"
                : command.contains(" plan ") ? "plan" : command.contains(" install ") ? "install" : "other";
        Function<byte[], Reply> override = overrides.get(sub);
        if (override != null) {
            return override.apply(stdin);
        }
        return switch (sub) {
            case "preflight" ->
                Reply.ok("{\"checks\":[{\"id\":\"root\",\"status\":\"PASS\",\"reason\":\"running as root\"}]}\n");
            case "plan" -> Reply.ok("{\n  \"host\" : \"web\",\n  \"confirmationToken\" : \"" + TOKEN + "\"\n}\n");
            case "install" -> {
                if (!command.contains("--confirm '" + TOKEN + "'") || !command.contains("--disk-key-stdin")) {
                    yield new Reply(3, "", "reinstaller-agent: the confirmation token does not match\n", false);
                }
                keyReceived = stdin.clone();
                ssh.hostKey(ramdiskKeyFile);
                yield new Reply(
                        0,
                        "{\n  \"host\" : \"web\",\n  \"ramdiskHostKey\" : \"" + ramdiskKey.publicKeyLine()
                                + "\",\n  \"ramdiskHostKeyFingerprint\" : \"" + ramdiskKey.fingerprint() + "\"\n}\n",
                        "",
                        true);
            }
            default -> new Reply(127, "", "sh: command not found\n", false);
        };
    }

    public int port() {
        return ssh.port();
    }

    public SshHostKey oldKey() {
        return oldKey;
    }

    public SshHostKey ramdiskKey() {
        return ramdiskKey;
    }

    public TestSshServer server() {
        return ssh;
    }

    /** The disk key as the agent's stdin received it, or null. */
    public String keyReceived() {
        return keyReceived == null ? null : new String(keyReceived, StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
        ssh.close();
    }
}
