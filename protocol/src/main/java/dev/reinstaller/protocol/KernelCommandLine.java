package dev.reinstaller.protocol;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a kernel command line the way the kernel does: whitespace separates parameters, double
 * quotes group a value that holds spaces ({@code a="b c"} or {@code "a=b c"}), and the quotes are not
 * part of the value. The lone {@code --} that separates init's arguments is dropped.
 */
public final class KernelCommandLine {
    /** Bytes {@code kexec_file_load} accepts for the command line, including the terminating NUL. */
    public static final int MAX_BYTES = 2016;

    private KernelCommandLine() {}

    /** One parameter; {@code value} is null for a bare flag such as {@code quiet}. */
    public record Parameter(String name, String value) {
        @Override
        public String toString() {
            return value == null ? name : name + "=" + value;
        }
    }

    public static List<Parameter> parse(String cmdline) {
        List<Parameter> out = new ArrayList<>();
        int i = 0;
        int n = cmdline.length();
        while (i < n) {
            while (i < n && isSpace(cmdline.charAt(i))) {
                i++;
            }
            if (i >= n) {
                break;
            }
            StringBuilder token = new StringBuilder();
            boolean quoted = false;
            while (i < n && (quoted || !isSpace(cmdline.charAt(i)))) {
                char c = cmdline.charAt(i++);
                if (c == '"') {
                    quoted = !quoted;
                } else {
                    token.append(c);
                }
            }
            String text = token.toString();
            if (text.equals("--")) {
                continue;
            }
            int eq = text.indexOf('=');
            out.add(eq < 0 ? new Parameter(text, null) : new Parameter(text.substring(0, eq), text.substring(eq + 1)));
        }
        return List.copyOf(out);
    }

    /** True when the line, with its NUL terminator, fits what {@code kexec_file_load} accepts. */
    public static boolean fits(String cmdline) {
        return byteLength(cmdline) + 1 <= MAX_BYTES;
    }

    public static int byteLength(String cmdline) {
        return cmdline.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r';
    }
}
