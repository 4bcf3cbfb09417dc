package dev.reinstaller.agent.facts;

import dev.reinstaller.hostinfo.DmiIdentity;
import dev.reinstaller.hostinfo.HostFiles;
import dev.reinstaller.hostinfo.process.Processes;
import dev.reinstaller.protocol.Architecture;
import dev.reinstaller.protocol.Firmware;
import dev.reinstaller.protocol.Machine;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The host's identity: DMI, architecture, firmware, host name and host id.
 *
 * <p>Host id rule: when {@code /etc/hostid} holds exactly 4 bytes, its value as ZFS reads it (a
 * little-endian 32-bit number, printed as 8 hex digits), so pools keep importing. Otherwise the first
 * 8 hex digits of the SHA-256 of the DMI UUID (lowercase), else of {@code /etc/machine-id}, else of
 * the host name: stable for the host, and never all zeros in practice.
 */
record MachineFacts(HostFiles files, Processes processes, Findings findings) {
    /** Identity facts, each already valid for the wire records. */
    record Identity(String hostName, String hostId, Machine machine, Architecture arch, Firmware firmware) {}

    private static final Pattern HOST_NAME = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e&&[^\"\\\\]]{1,128}");
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern MACHINE_ID = Pattern.compile("[0-9a-f]{32}");
    private static final String FALLBACK_HOST_NAME = "nixos";

    Identity gather() {
        Machine machine = machine();
        String hostName = hostName();
        return new Identity(hostName, hostId(machine, hostName), machine, architecture(), firmware());
    }

    private Machine machine() {
        DmiIdentity dmi = DmiIdentity.read(files);
        String serial = dmi.serial();
        if (serial != null && !TOKEN.matcher(serial).matches()) {
            findings.info(
                    "dmi", "the DMI serial '" + serial + "' has spaces or quotes; the UUID identifies the machine");
            serial = null;
        }
        String uuid = dmi.uuid();
        if (uuid != null
                && (!UUID.matcher(uuid).matches()
                        || uuid.replace("-", "").chars().distinct().count() == 1)) {
            findings.info("dmi", "the DMI UUID '" + uuid + "' is not a usable UUID; ignored");
            uuid = null;
        }
        if (serial == null && uuid == null) {
            // /etc/machine-id would not do: the ramdisk cannot read it, so the installer could not
            // check it. Only the disk identity binds the confirmation token then.
            findings.warn(
                    "dmi",
                    "no DMI serial or UUID (a container or a VM without SMBIOS?): the confirmation token binds"
                            + " only the disk");
        }
        return new Machine(serial, uuid, dmi.vendor(), dmi.product());
    }

    private Optional<String> machineId() {
        return files.value("/etc/machine-id")
                .filter(id -> MACHINE_ID.matcher(id).matches());
    }

    private String hostName() {
        String raw = files.value("/proc/sys/kernel/hostname").orElse("");
        int dot = raw.indexOf('.');
        String shortName = dot < 0 ? raw : raw.substring(0, dot);
        if (HOST_NAME.matcher(shortName).matches()) {
            if (dot >= 0) {
                findings.info("host", "host name '" + raw + "' shortened to '" + shortName + "'");
            }
            return shortName;
        }
        findings.warn(
                "host",
                "the kernel's host name '" + raw + "' is not a DNS label; the new system is called '"
                        + FALLBACK_HOST_NAME + "'");
        return FALLBACK_HOST_NAME;
    }

    private String hostId(Machine machine, String hostName) {
        Optional<byte[]> hostid = files.bytes("/etc/hostid");
        if (hostid.isPresent() && hostid.get().length == 4) {
            byte[] b = hostid.get();
            return HexFormat.of().formatHex(new byte[] {b[3], b[2], b[1], b[0]});
        }
        if (hostid.isPresent()) {
            findings.warn("host", "/etc/hostid is " + hostid.get().length + " bytes, not 4; ignored");
        }
        String basis;
        if (machine.uuid() != null) {
            basis = machine.uuid();
        } else {
            basis = machineId().orElse(hostName);
        }
        return sha256(basis).substring(0, 8);
    }

    private Architecture architecture() {
        String machine = files.value("/proc/sys/kernel/arch").orElseGet(this::uname);
        Architecture arch = Architecture.fromUname(machine);
        if (arch == null) {
            throw new FactsException(
                    FactsException.Category.REFUSED,
                    "architecture " + machine + " is not supported (the installer runs on x86_64 and aarch64)");
        }
        return arch;
    }

    private String uname() {
        List<String> argv = List.of("uname", "-m");
        try {
            return processes.run(argv, Duration.ofSeconds(5)).stdoutOrThrow().strip();
        } catch (Processes.ProcessException e) {
            throw new FactsException(
                    FactsException.Category.FAILED, "cannot tell the architecture: " + e.getMessage(), e);
        }
    }

    private Firmware firmware() {
        return files.exists("/sys/firmware/efi") ? Firmware.EFI : Firmware.BIOS;
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
