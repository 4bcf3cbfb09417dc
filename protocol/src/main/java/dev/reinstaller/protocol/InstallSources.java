package dev.reinstaller.protocol;

import java.util.regex.Pattern;

/**
 * The two operator choices that travel to the installer beside runtime info: a flake whose NixOS
 * modules the host flake imports, and a prebuilt system closure to install instead of building. Both
 * sides check them with the same rules, so a value the agent sends is one the installer accepts.
 */
public final class InstallSources {
    /**
     * A flake reference as the host flake's {@code inputs.extra.url} can hold it verbatim:
     * {@code scheme:rest} without spaces, quotes, backslashes or {@code $}.
     */
    public static final Pattern FLAKE_URL = Pattern.compile("[a-z][a-z0-9+.-]*:[A-Za-z0-9:/?&=._~%+@,-]+");

    /** The longest flake URL accepted. */
    public static final int FLAKE_URL_MAX = 1000;

    /** The store path of a system closure: {@code /nix/store/<32 base32 digits>-<name>}. */
    public static final Pattern STORE_PATH =
            Pattern.compile("/nix/store/[0-9a-df-np-sv-z]{32}-[A-Za-z0-9+._?=-]{1,180}");

    private InstallSources() {}

    /**
     * Returns {@code url} when it is a flake reference the installer can pin.
     *
     * @throws InvalidFieldException naming the value and the rule
     */
    public static String extraFlake(String url) {
        if (url == null
                || url.length() > FLAKE_URL_MAX
                || !FLAKE_URL.matcher(url).matches()) {
            throw new InvalidFieldException(
                    "extraFlake",
                    "'" + Quoted.of(url)
                            + "' is not a flake reference (scheme:rest, e.g. github:owner/repo, without spaces,"
                            + " quotes, backslashes or $)");
        }
        return url;
    }

    /**
     * Returns {@code path} when it is the absolute store path of a closure.
     *
     * @throws InvalidFieldException naming the value and the rule
     */
    public static String closure(String path) {
        if (path == null || !STORE_PATH.matcher(path).matches()) {
            throw new InvalidFieldException(
                    "closure",
                    "'" + Quoted.of(path) + "' is not a Nix store path of a system closure (/nix/store/<hash>-<name>)");
        }
        return path;
    }
}
