package dev.reinstaller.protocol;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Everything the new system must know about the host it replaces. Versioned ({@link #SCHEMA_VERSION})
 * and never holding a secret: it is persisted on the installed host.
 *
 * @param schemaVersion always {@link #SCHEMA_VERSION} for this record
 * @param hostName short host name (a DNS label), becomes {@code networking.hostName}
 * @param hostId 8 lowercase hex digits, stable for the host, becomes {@code networking.hostId}
 * @param machine DMI identity
 * @param arch CPU architecture
 * @param firmware how the host boots
 * @param authorizedKeys root's SSH public keys, one OpenSSH line each, without options
 * @param disks target disks (the first holds the pool)
 * @param nics physical NICs to restore, by MAC
 * @param skipped interfaces found and deliberately not restored
 * @param nameServers resolvers, IPv4 or IPv6 literals
 * @param provider provider facts, absent outside a cloud
 */
public record RuntimeInfo(
        int schemaVersion,
        String hostName,
        String hostId,
        Machine machine,
        Architecture arch,
        Firmware firmware,
        List<String> authorizedKeys,
        List<Disk> disks,
        List<Nic> nics,
        List<SkippedInterface> skipped,
        List<String> nameServers,
        Provider provider) {

    public static final int SCHEMA_VERSION = 1;

    private static final Pattern HOST_NAME = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
    private static final Pattern KEY_TYPE =
            Pattern.compile("(ssh-ed25519|ssh-rsa|ecdsa-sha2-nistp(256|384|521)|sk-ssh-ed25519@openssh\\.com"
                    + "|sk-ecdsa-sha2-nistp256@openssh\\.com)");
    private static final Pattern BASE64 = Pattern.compile("[A-Za-z0-9+/]+={0,2}");

    public RuntimeInfo {
        if (schemaVersion != SCHEMA_VERSION) {
            throw new InvalidFieldException(
                    "schemaVersion", "is " + schemaVersion + ", this build reads " + SCHEMA_VERSION);
        }
        Check.present("hostName", hostName);
        if (!HOST_NAME.matcher(hostName).matches()) {
            throw new InvalidFieldException(
                    "hostName",
                    "'" + Quoted.of(hostName) + "' is not a host name (letters, digits, inner hyphens, up to 63)");
        }
        Check.hostId("hostId", hostId);
        Check.present("machine", machine);
        Check.present("arch", arch);
        Check.present("firmware", firmware);
        authorizedKeys = Check.list("authorizedKeys", authorizedKeys, 256);
        for (int i = 0; i < authorizedKeys.size(); i++) {
            checkKey("authorizedKeys[" + i + "]", authorizedKeys.get(i));
        }
        disks = Check.list("disks", disks, 16);
        if (disks.isEmpty()) {
            throw new InvalidFieldException("disks", "names no target disk");
        }
        nics = Check.list("nics", nics, 32);
        Set<String> macs = new HashSet<>();
        for (int i = 0; i < nics.size(); i++) {
            if (!macs.add(nics.get(i).mac())) {
                throw new InvalidFieldException(
                        "nics[" + i + "].mac", nics.get(i).mac() + " appears twice");
            }
        }
        skipped = Check.list("skipped", skipped, 256);
        nameServers = Check.list("nameServers", nameServers, 16);
        for (int i = 0; i < nameServers.size(); i++) {
            Check.ip("nameServers[" + i + "]", nameServers.get(i));
        }
    }

    /** The disk the pool goes on. */
    public Disk targetDisk() {
        return disks.getFirst();
    }

    /** Whether {@code line} is an SSH public key line this format accepts (type, base64, comment). */
    public static boolean isKeyLine(String line) {
        try {
            checkKey("key", line);
            return true;
        } catch (InvalidFieldException e) {
            return false;
        }
    }

    private static void checkKey(String field, String line) {
        Check.text(field, line, 16 * 1024);
        String[] parts = line.split(" ", 3);
        if (parts.length < 2 || !KEY_TYPE.matcher(parts[0]).matches()) {
            throw new InvalidFieldException(field, "is not an OpenSSH public key line (type, base64, comment)");
        }
        if (!BASE64.matcher(parts[1]).matches()) {
            throw new InvalidFieldException(field, "key data is not base64");
        }
    }
}
