package dev.reinstaller.protocol;

import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code manifest.json} of a kexec bundle: what the agent checks before it loads anything. Written by
 * the bundle build (Nix, or the testbed), read by the agent's preflight.
 *
 * @param schemaVersion runtime-info schema the bundle's installer reads
 * @param arch architecture of the bundle's kernel
 * @param kernel file name of the kernel ({@code bzImage} on x86, {@code Image} on arm)
 * @param initrd file name of the compressed initrd
 * @param bootParameters parameters the ramdisk needs, e.g. {@code init=/nix/store/...-init}
 * @param initrdUnpackedBytes size of the initrd once unpacked into RAM
 * @param workingSetBytes memory the installer needs on top of the unpacked initrd
 * @param files every file of the bundle (by name) with its SHA-256 and size
 */
public record BundleManifest(
        int schemaVersion,
        Architecture arch,
        String kernel,
        String initrd,
        String bootParameters,
        long initrdUnpackedBytes,
        long workingSetBytes,
        Map<String, BundleFile> files) {

    public static final String FILE_NAME = "manifest.json";

    private static final Pattern FILE_NAME_RULE = Pattern.compile("[A-Za-z0-9._-]{1,128}");

    public BundleManifest {
        Check.present("arch", arch);
        Check.token("kernel", kernel, 128);
        Check.token("initrd", initrd, 128);
        bootParameters = bootParameters == null ? "" : bootParameters.strip();
        if (bootParameters.length() > 1024) {
            throw new InvalidFieldException("bootParameters", "is longer than 1024 characters");
        }
        if (initrdUnpackedBytes <= 0) {
            throw new InvalidFieldException("initrdUnpackedBytes", "must be positive");
        }
        if (workingSetBytes < 0) {
            throw new InvalidFieldException("workingSetBytes", "must not be negative");
        }
        Check.present("files", files);
        for (String name : files.keySet()) {
            if (!FILE_NAME_RULE.matcher(name).matches() || name.equals("..") || name.equals(".")) {
                throw new InvalidFieldException("files", "'" + Quoted.of(name) + "' is not a plain file name");
            }
            Check.present("files." + name, files.get(name));
        }
        if (!files.containsKey(kernel)) {
            throw new InvalidFieldException("files", "does not list the kernel " + kernel);
        }
        if (!files.containsKey(initrd)) {
            throw new InvalidFieldException("files", "does not list the initrd " + initrd);
        }
        files = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(files));
    }

    /** One file's expected hash and size. */
    public record BundleFile(String sha256, long size) {
        private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

        public BundleFile {
            Check.present("sha256", sha256);
            if (!SHA256.matcher(sha256).matches()) {
                throw new InvalidFieldException("sha256", "must be 64 lowercase hex digits");
            }
            if (size < 0) {
                throw new InvalidFieldException("size", "must not be negative");
            }
        }
    }

    public static Result<BundleManifest> read(byte[] json) {
        return RuntimeInfoJson.read(json, FILE_NAME, BundleManifest.class);
    }

    public byte[] toBytes() {
        return RuntimeInfoJson.write(this);
    }
}
