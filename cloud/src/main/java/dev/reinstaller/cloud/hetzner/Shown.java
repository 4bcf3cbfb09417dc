package dev.reinstaller.cloud.hetzner;

import dev.reinstaller.protocol.Quoted;

/**
 * Text from outside (API replies, the environment) made fit for one terminal line: control, format and
 * line-separator characters become {@code \\uXXXX}, and at most {@value #LIMIT} characters are kept,
 * the cut marked with how much was left out. Nothing from outside reaches a message any other way.
 */
public final class Shown {
    /** The most characters of an outside value a message quotes. */
    public static final int LIMIT = Quoted.MAX;

    private Shown() {}

    /** {@code text} escaped and cut to {@value #LIMIT} characters ({@link Quoted}); {@code null} reads {@code (none)}. */
    public static String bounded(String text) {
        return text == null ? "(none)" : Quoted.of(text);
    }

    /** {@link #bounded} in double quotes, for naming a value: {@code HCLOUD_ENDPOINT ..., got "ftp://x"}. */
    public static String quoted(String text) {
        return "\"" + bounded(text) + "\"";
    }

    /** {@code text} with every occurrence of {@code secret} replaced, before it is bounded or printed. */
    public static String without(String text, String secret) {
        return text == null || secret == null || secret.isEmpty() ? text : text.replace(secret, "(token)");
    }

    /** Whether {@code text} has nothing to escape (it may still be longer than {@value #LIMIT}). */
    public static boolean isPlain(String text) {
        return Quoted.isPlain(text);
    }
}
