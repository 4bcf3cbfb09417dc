package dev.reinstaller.protocol;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.regex.Pattern;

/** Validation helpers for the compact constructors of the wire records. */
final class Check {
    private static final Pattern HEX8 = Pattern.compile("[0-9a-f]{8}");
    private static final Pattern MAC = Pattern.compile("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
    private static final Pattern PRINTABLE = Pattern.compile("[\\x21-\\x7e]+");

    private Check() {}

    static <T> T present(String field, T value) {
        if (value == null) {
            throw new InvalidFieldException(field, "is required");
        }
        return value;
    }

    static String text(String field, String value, int maxLength) {
        present(field, value);
        if (value.isBlank()) {
            throw new InvalidFieldException(field, "must not be empty");
        }
        if (value.length() > maxLength) {
            throw new InvalidFieldException(field, "is longer than " + maxLength + " characters");
        }
        if (value.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new InvalidFieldException(field, "contains a control character");
        }
        return value;
    }

    static String optionalText(String field, String value, int maxLength) {
        return value == null ? null : text(field, value, maxLength);
    }

    /** A token without spaces or quotes, safe on a kernel command line and in Nix strings. */
    static String token(String field, String value, int maxLength) {
        text(field, value, maxLength);
        if (!PRINTABLE.matcher(value).matches() || value.indexOf('"') >= 0 || value.indexOf('\\') >= 0) {
            throw new InvalidFieldException(field, "must be printable ASCII without spaces, quotes or backslashes");
        }
        return value;
    }

    static String optionalToken(String field, String value, int maxLength) {
        return value == null ? null : token(field, value, maxLength);
    }

    static String hostId(String field, String value) {
        present(field, value);
        if (!HEX8.matcher(value).matches()) {
            throw new InvalidFieldException(field, "must be 8 lowercase hex digits, got '" + Quoted.of(value) + "'");
        }
        return value;
    }

    static String mac(String field, String value) {
        present(field, value);
        if (!MAC.matcher(value).matches()) {
            throw new InvalidFieldException(
                    field, "must be a MAC address like 96:00:00:12:34:56 (lowercase), got '" + Quoted.of(value) + "'");
        }
        return value;
    }

    /** Parses an IP literal (never a host name: no lookup happens). */
    static InetAddress ip(String field, String value) {
        present(field, value);
        try {
            if (value.isEmpty() || !(value.indexOf(':') >= 0 || Character.isDigit(value.charAt(0)))) {
                throw new IllegalArgumentException(value);
            }
            return InetAddress.ofLiteral(value);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, "'" + Quoted.of(value) + "' is not an IPv4 or IPv6 address");
        }
    }

    static int prefix(String field, InetAddress address, String text) {
        int max = address instanceof Inet4Address ? 32 : 128;
        try {
            int prefix = Integer.parseInt(text);
            if (prefix >= 0 && prefix <= max && text.equals(Integer.toString(prefix))) {
                return prefix;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new InvalidFieldException(field, "prefix '" + Quoted.of(text) + "' is not between 0 and " + max);
    }

    static boolean isV6(InetAddress address) {
        return address instanceof Inet6Address;
    }

    static <T> List<T> list(String field, List<T> values, int maxSize) {
        if (values == null) {
            return List.of();
        }
        if (values.size() > maxSize) {
            throw new InvalidFieldException(field, "has more than " + maxSize + " entries");
        }
        for (int i = 0; i < values.size(); i++) {
            if (values.get(i) == null) {
                throw new InvalidFieldException(field + "[" + i + "]", "must not be null");
            }
        }
        return List.copyOf(values);
    }
}
