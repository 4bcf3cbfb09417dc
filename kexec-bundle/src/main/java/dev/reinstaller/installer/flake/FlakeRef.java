package dev.reinstaller.installer.flake;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A flake URL of the kinds a host flake pins its inputs with, and the two attribute sets a
 * {@code flake.lock} node holds for it: {@code original} (what {@code flake.nix} says, which Nix
 * compares with the URL it reads there, so it must be exact) and {@code locked} (the same plus the
 * revision, {@code narHash} and {@code lastModified}).
 *
 * <p>Kinds: {@code github:owner/repo[/ref-or-rev]}, an {@code https} tarball ({@code .tar.gz} and
 * the like, or {@code tarball+https://}), and {@code path:/nix/store/...} for a bundle built from a
 * tree without a commit (locked, but not fetchable by the installed host later). Each may end in
 * {@code ?dir=SUBDIR}. Anything else is refused: its lock entry could not be written exactly.
 */
public sealed interface FlakeRef {
    /** URL text a Nix string can hold as is: no quotes, backslashes, {@code $} or whitespace. */
    Pattern SAFE = Pattern.compile("[A-Za-z0-9:/?&=._~%+@,-]+");

    /** The {@code original} attributes. */
    Map<String, Object> original();

    /**
     * The {@code locked} attributes for {@code input} (whose URL this is): by default the original
     * ones plus {@code narHash} and {@code lastModified}.
     */
    default Map<String, Object> locked(FlakeInputs.Input input) {
        Map<String, Object> attrs = original();
        attrs.put("narHash", input.narHash());
        putIf(attrs, "lastModified", input.lastModified());
        return attrs;
    }

    /** True when the installed host can fetch this input again: all kinds but a store path. */
    default boolean fetchable() {
        return true;
    }

    /** {@code github:owner/repo[/ref-or-rev]}; {@code rev} or {@code ref} may be null. */
    record Github(String owner, String repo, String ref, String rev, String dir) implements FlakeRef {
        @Override
        public Map<String, Object> original() {
            Map<String, Object> attrs = new TreeMap<>();
            attrs.put("type", "github");
            attrs.put("owner", owner);
            attrs.put("repo", repo);
            putIf(attrs, "ref", ref);
            putIf(attrs, "rev", rev);
            putIf(attrs, "dir", dir);
            return attrs;
        }

        @Override
        public Map<String, Object> locked(FlakeInputs.Input input) {
            String commit = rev != null ? rev : input.rev();
            if (commit == null) {
                throw new IllegalArgumentException("github input " + owner + "/" + repo + " names no commit");
            }
            Map<String, Object> attrs = FlakeRef.super.locked(input);
            attrs.remove("ref");
            attrs.put("rev", commit);
            return attrs;
        }
    }

    /** An https tarball. */
    record Tarball(String url, String dir) implements FlakeRef {
        @Override
        public Map<String, Object> original() {
            return located("tarball", "url", url, dir);
        }
    }

    /** A source in the ramdisk's store only. */
    record StorePath(String path, String dir) implements FlakeRef {
        @Override
        public Map<String, Object> original() {
            return located("path", "path", path, dir);
        }

        @Override
        public boolean fetchable() {
            return false;
        }
    }

    /**
     * Parses {@code url}; {@code rev} is the input's recorded commit, which a github URL naming a
     * commit must agree with.
     *
     * @throws IllegalArgumentException naming the URL and what is wrong with it
     */
    static FlakeRef parse(String url, String rev) {
        if (url == null || url.length() > 1000 || !SAFE.matcher(url).matches()) {
            throw new IllegalArgumentException("'" + url + "' is not a flake URL this installer can pin");
        }
        int q = url.indexOf('?');
        String base = q < 0 ? url : url.substring(0, q);
        Map<String, String> query = query(url, q < 0 ? "" : url.substring(q + 1));
        String dir = query.remove("dir");
        if (base.startsWith("github:")) {
            return github(url, base, query, dir, rev);
        }
        if (!query.isEmpty()) {
            throw new IllegalArgumentException("'" + url + "' has parameters other than dir: " + query.keySet());
        }
        if (base.startsWith("tarball+https://")) {
            return new Tarball(base.substring("tarball+".length()), dir);
        }
        if (base.startsWith("https://") && base.matches(".*\\.(tar\\.gz|tgz|tar\\.xz|tar\\.zst|tar\\.bz2|tar|zip)")) {
            return new Tarball(base, dir);
        }
        if (base.matches("path:/nix/store/[0-9a-z]{32}-[A-Za-z0-9+._?=-]+(/.*)?")) {
            return new StorePath(base.substring("path:".length()), dir);
        }
        throw new IllegalArgumentException("'" + url + "' is neither github:, an https tarball nor a store path");
    }

    private static FlakeRef github(String url, String base, Map<String, String> query, String dir, String rev) {
        Matcher m = Pattern.compile("github:([A-Za-z0-9_.-]+)/([A-Za-z0-9_.-]+)(?:/([A-Za-z0-9_./-]+))?")
                .matcher(base);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + url + "' is not github:OWNER/REPO[/REF-OR-REV]");
        }
        String third = m.group(3) != null ? m.group(3) : null;
        String urlRev = query.remove("rev");
        String ref = query.remove("ref");
        if (!query.isEmpty()) {
            throw new IllegalArgumentException("'" + url + "' has unknown parameters " + query.keySet());
        }
        if (third != null && third.matches("[0-9a-f]{40}")) {
            urlRev = third;
        } else if (third != null) {
            ref = third;
        }
        if (urlRev != null && rev != null && !urlRev.equals(rev)) {
            throw new IllegalArgumentException("'" + url + "' names commit " + urlRev + ", but rev is " + rev);
        }
        if (urlRev == null && rev == null) {
            throw new IllegalArgumentException("'" + url + "' names no commit and no rev is recorded");
        }
        return new Github(m.group(1), m.group(2), ref, urlRev, dir);
    }

    private static Map<String, String> query(String url, String text) {
        Map<String, String> params = new LinkedHashMap<>();
        if (text.isEmpty()) {
            return params;
        }
        for (String pair : text.split("&", -1)) {
            int eq = pair.indexOf('=');
            if (eq <= 0 || params.put(pair.substring(0, eq), pair.substring(eq + 1)) != null) {
                throw new IllegalArgumentException(
                        "'" + url + "' has a malformed or repeated parameter '" + pair + "'");
            }
        }
        return params;
    }

    /** The original reference of a source found at one place: its type, where, and the flake's directory. */
    private static Map<String, Object> located(String type, String key, String where, String dir) {
        Map<String, Object> attrs = new TreeMap<>();
        attrs.put("type", type);
        attrs.put(key, where);
        putIf(attrs, "dir", dir);
        return attrs;
    }

    private static void putIf(Map<String, Object> attrs, String key, Object value) {
        if (value != null) {
            attrs.put(key, value);
        }
    }
}
