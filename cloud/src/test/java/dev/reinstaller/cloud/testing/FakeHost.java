package dev.reinstaller.cloud.testing;

import dev.reinstaller.cloud.testing.TestSshServer.Reply;
import dev.reinstaller.protocol.SshHostKey;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One machine for reinstall tests: an SSH server that first plays the old host, whose exec handler
 * fakes {@code reinstaller-agent preflight|plan|facts|install} (install prints the ramdisk host key, then
 * drops the connection), and from then on answers with the ramdisk's pre-generated host key, forwarding
 * to the status API. {@link #startInitrd} adds the installed system's initrd (its own SSH server, whose
 * forced command reads the passphrase); a correct passphrase "boots" the installed host: the SSH server
 * then answers with the installed key and runs {@code hostname}, {@code zpool list} and {@code ip -j addr}.
 * Scripted answers override the defaults per subcommand or command.
 */
public final class FakeHost implements AutoCloseable {
    public static final String TOKEN = "SERIAL-42:QM00001:20480";

    private final TestSshServer ssh;
    private final SshHostKey oldKey;
    private final SshHostKey ramdiskKey;
    private final Path ramdiskKeyFile;
    public static final String MAC = "96:00:02:a1:b2:c3";
    public static final String BY_ID = "/dev/disk/by-id/scsi-0QEMU_QEMU_HARDDISK_drive-scsi0-0-0-0";

    private final Map<String, Function<byte[], Reply>> overrides = new ConcurrentHashMap<>();
    private final String name;
    private final String clientPublicKey;
    private final Path dir;
    private final SshHostKey installedKey;
    private final Path installedKeyFile;
    private final SshHostKey initrdKey;
    private final Path initrdKeyFile;
    private final java.util.List<String> unlockAttempts = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile boolean booted;
    private volatile TestSshServer initrd;
    private volatile byte[] keyReceived;

    public FakeHost(Path dir, String name, String clientPublicKey) throws Exception {
        Files.createDirectories(dir);
        this.name = name;
        this.dir = dir;
        this.clientPublicKey = clientPublicKey;
        installedKeyFile = dir.resolve("installed_host_key");
        installedKey = TestKeys.write(installedKeyFile, "root@" + name);
        initrdKeyFile = dir.resolve("initrd_host_key");
        initrdKey = TestKeys.write(initrdKeyFile, "initrd@" + name);
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

    /**
     * Starts the installed system's initrd on its own port: its forced command reads one line, answers
     * "not ready" (exit 3) for the first {@code notReadyFirst} attempts, then unlocks with {@code passphrase}
     * (exit 0, and the host boots) or refuses another one (exit 1).
     */
    public int startInitrd(String passphrase, int notReadyFirst) throws Exception {
        Path root = Files.createDirectories(dir.resolve("initrd-root"));
        int[] left = {notReadyFirst};
        initrd = new TestSshServer(initrdKeyFile, clientPublicKey, root, (command, stdin) -> {
            String line = new String(stdin, StandardCharsets.UTF_8);
            unlockAttempts.add(command + " <" + line.strip() + ">");
            synchronized (left) {
                if (left[0]-- > 0) {
                    return new Reply(3, "", "rpool is not imported yet\n", false);
                }
            }
            if (!line.equals(passphrase + "\n")) {
                return new Reply(1, "", "wrong passphrase for rpool\n", false);
            }
            boot();
            return Reply.ok("rpool unlocked; booting\n");
        });
        return initrd.port();
    }

    /** The installed system comes up: new host key, commands of an installed host. */
    public void boot() {
        booted = true;
        ssh.hostKey(installedKeyFile);
    }

    /** Runtime info as {@code facts --json} prints it: this host's name, the Hetzner disk, one NIC. */
    public static String factsJson(String name) {
        return "{\"runtimeInfo\":{\"schemaVersion\":1,\"hostName\":\"" + name + "\",\"hostId\":\"c6c2ff67\","
                + "\"machine\":{\"serial\":\"48151623\",\"manufacturer\":\"Hetzner\",\"product\":\"vServer\"},"
                + "\"arch\":\"x86_64\",\"firmware\":\"bios\",\"authorizedKeys\":[],"
                + "\"disks\":[{\"name\":\"sda\",\"byId\":\"" + BY_ID + "\",\"serial\":\"drive-scsi0-0-0-0\","
                + "\"sizeBytes\":40961572864,\"model\":\"QEMU HARDDISK\",\"driver\":\"virtio_scsi\"}],"
                + "\"nics\":[{\"mac\":\"" + MAC + "\",\"name\":\"eth0\",\"driver\":\"virtio_net\",\"addresses\":["
                + "{\"cidr\":\"203.0.113.10/32\",\"dhcp\":true},{\"cidr\":\"2001:db8:1234::1/64\"}],"
                + "\"routes\":[{\"to\":\"default\",\"via\":\"172.31.1.1\"}]}],"
                + "\"skipped\":[],\"nameServers\":[\"185.12.64.1\"]},\"findings\":[]}\n";
    }

    /** {@code ip -j addr} of the installed host: lo and the NIC (named as NixOS would) with both addresses. */
    public static String ipAddr() {
        return "[{\"ifindex\":1,\"ifname\":\"lo\",\"address\":\"00:00:00:00:00:00\",\"addr_info\":["
                + "{\"family\":\"inet\",\"local\":\"127.0.0.1\",\"prefixlen\":8}]},"
                + "{\"ifindex\":2,\"ifname\":\"enp1s0\",\"address\":\"" + MAC + "\",\"addr_info\":["
                + "{\"family\":\"inet\",\"local\":\"203.0.113.10\",\"prefixlen\":32},"
                + "{\"family\":\"inet6\",\"local\":\"2001:db8:1234::1\",\"prefixlen\":64},"
                + "{\"family\":\"inet6\",\"local\":\"fe80::9400:2ff:fea1:b2c3\",\"prefixlen\":64}]}]\n";
    }

    /** Back to the default answer of one subcommand or command. */
    public FakeHost clear(String subcommand) {
        overrides.remove(subcommand);
        return this;
    }

    private Reply agent(String command, byte[] stdin) {
        if (booted) {
            Function<byte[], Reply> override = overrides.get(command);
            if (override != null) {
                return override.apply(stdin);
            }
            return switch (command) {
                case "hostname" -> Reply.ok(name + "\n");
                case "zpool list -H -o name,health rpool" -> Reply.ok("rpool\tONLINE\n");
                case "ip -j addr" -> Reply.ok(ipAddr());
                default -> new Reply(127, "", "sh: command not found\n", false);
            };
        }
        String sub = command.contains(" preflight ")
                ? "preflight"
                : command.contains(" plan ")
                        ? "plan"
                        : command.contains(" facts ") ? "facts" : command.contains(" install ") ? "install" : "other";
        Function<byte[], Reply> override = overrides.get(sub);
        if (override != null) {
            return override.apply(stdin);
        }
        return switch (sub) {
            case "preflight" ->
                Reply.ok("{\"checks\":[{\"id\":\"root\",\"status\":\"PASS\",\"reason\":\"running as root\"}]}\n");
            case "plan" -> Reply.ok("{\n  \"host\" : \"web\",\n  \"confirmationToken\" : \"" + TOKEN + "\"\n}\n");
            case "facts" -> Reply.ok(factsJson(name));
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

    public SshHostKey installedKey() {
        return installedKey;
    }

    public SshHostKey initrdKey() {
        return initrdKey;
    }

    /** Each unlock attempt: the command asked for and the line received, in angle brackets. */
    public java.util.List<String> unlockAttempts() {
        return java.util.List.copyOf(unlockAttempts);
    }

    /** Answers with the old host's key again and plays it (a rescue system, with {@code key}). */
    public void reboot(Path hostKeyFile) {
        booted = false;
        ssh.hostKey(hostKeyFile);
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
        if (initrd != null) {
            initrd.close();
        }
    }
}
