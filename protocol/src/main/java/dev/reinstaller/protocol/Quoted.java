package dev.reinstaller.protocol;

/**
 * A value from outside (a host name, a parameter, a reply of an API) as it may appear in a message:
 * at most {@link #MAX} characters, control characters and other invisible ones escaped, so that a
 * 10 MB value gives one short line and an ANSI escape or a NUL never reaches a terminal raw.
 */
public final class Quoted {
    /** The most characters of a value a message shows. */
    public static final int MAX = 80;

    private Quoted() {}

    /** {@code value} shortened to {@link #MAX} characters and escaped; {@code null} as {@code null}. */
    public static String of(String value) {
        return of(value, MAX);
    }

    /** {@code value} shortened to {@code max} characters and escaped: for a whole message that quotes values. */
    public static String of(String value, int max) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 16);
        int shown = 0;
        int i = 0;
        while (i < value.length() && shown < max) {
            int c = value.codePointAt(i);
            out.append(escape(c));
            i += Character.charCount(c);
            shown++;
        }
        if (i < value.length()) {
            out.append("... (").append(value.length() - i).append(" more characters)");
        }
        return out.toString();
    }

    /** Whether {@code value} has nothing {@link #of} would escape (it may still be longer than {@link #MAX}). */
    public static boolean isPlain(String value) {
        return value.codePoints().allMatch(c -> c != '\\' && visible(c));
    }

    private static String escape(int c) {
        return switch (c) {
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\\' -> "\\\\";
            default -> visible(c) ? Character.toString(c) : String.format("\\u%04x", c);
        };
    }

    private static boolean visible(int c) {
        return switch (Character.getType(c)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.PRIVATE_USE,
                    Character.SURROGATE,
                    Character.UNASSIGNED,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR -> false;
            default -> true;
        };
    }
}
