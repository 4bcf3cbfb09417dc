package dev.reinstaller.installer.flake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reinstaller.installer.system.InstallerException;
import dev.reinstaller.installer.system.InstallerPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.regex.Pattern;

/**
 * The two inputs every host flake has, as the ramdisk image describes them in {@link
 * InstallerPaths#FLAKE_INPUTS} (written by the NixOS ramdisk module from the flake it was built from):
 * {@code reinstaller}, the bundle's own source, and {@code nixpkgs}, the nixpkgs it was built with.
 *
 * <p>File format (JSON, unknown fields ignored):
 *
 * <pre>{@code
 * { "reinstaller": { "url": "github:owner/repo/<rev>?dir=kexec-bundle", "narHash": "sha256-...",
 *                    "rev": "<40 hex>", "lastModified": 1760000000, "storePath": "/nix/store/...-source" },
 *   "nixpkgs":     { "url": "github:NixOS/nixpkgs/<rev>", ... } }
 * }</pre>
 */
public record FlakeInputs(Input reinstaller, Input nixpkgs) {
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public FlakeInputs {
        if (reinstaller == null || nixpkgs == null) {
            throw new IllegalArgumentException("both inputs, reinstaller and nixpkgs, are required");
        }
    }

    /**
     * One input, pinned.
     *
     * @param url a flake URL that names the revision ({@link FlakeRef} says which kinds)
     * @param narHash SRI SHA-256 of the source tree, as a lock file records it
     * @param rev the commit, or null
     * @param lastModified commit time in seconds since the epoch, or null
     * @param storePath where the source is in the ramdisk's store, or null
     */
    public record Input(String url, String narHash, String rev, Long lastModified, String storePath) {
        private static final Pattern NAR_HASH = Pattern.compile("sha256-[A-Za-z0-9+/]{43}=");
        private static final Pattern REV = Pattern.compile("[0-9a-f]{40}");

        public Input {
            if (url == null || url.isBlank()) {
                throw new IllegalArgumentException("url is missing");
            }
            if (narHash == null || !NAR_HASH.matcher(narHash).matches()) {
                throw new IllegalArgumentException("narHash '" + narHash + "' is not an SRI sha256 hash");
            }
            if (rev != null && !REV.matcher(rev).matches()) {
                throw new IllegalArgumentException("rev '" + rev + "' is not a 40-digit commit hash");
            }
            if (lastModified != null && lastModified < 0) {
                throw new IllegalArgumentException("lastModified " + lastModified + " is negative");
            }
            FlakeRef.parse(url, rev);
        }

        public FlakeRef ref() {
            return FlakeRef.parse(url, rev);
        }
    }

    /** Reads and checks the ramdisk's file; a missing or malformed file is a permanent error naming it. */
    public static FlakeInputs read(InstallerPaths paths) {
        String where = InstallerPaths.FLAKE_INPUTS;
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(paths.flakeInputs()));
            return new FlakeInputs(input(root, "reinstaller"), input(root, "nixpkgs"));
        } catch (NoSuchFileException e) {
            throw InstallerException.permanent(
                    where + " is missing: this ramdisk was built without the host flake's inputs"
                            + " (reinstaller.ramdisk.hostFlakeInputs)");
        } catch (IOException e) {
            throw new InstallerException(
                    InstallerException.Category.PERMANENT, "cannot read " + where + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw InstallerException.permanent(where + " is unusable: " + e.getMessage());
        }
    }

    private static Input input(JsonNode root, String name) {
        JsonNode node = root.path(name);
        if (!node.isObject()) {
            throw new IllegalArgumentException("input " + name + " is missing");
        }
        try {
            return new Input(
                    text(node, "url"),
                    text(node, "narHash"),
                    text(node, "rev"),
                    node.path("lastModified").isIntegralNumber()
                            ? node.get("lastModified").asLong()
                            : null,
                    text(node, "storePath"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("input " + name + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isTextual() ? value.asText() : null;
    }
}
