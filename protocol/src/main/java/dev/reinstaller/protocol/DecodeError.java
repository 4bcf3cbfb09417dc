package dev.reinstaller.protocol;

/**
 * Why kernel parameters or runtime info could not be read. A closed set: every caller handles each
 * case, and each names where the problem is. {@link #message()} is one line for a person.
 */
public sealed interface DecodeError {

    String message();

    /** A parameter the boot needs is absent. */
    record Missing(String parameter, String hint) implements DecodeError {
        @Override
        public String message() {
            return parameter + " is missing: " + hint;
        }
    }

    /** {@code reinstaller.v} names a schema this build does not read. */
    record UnsupportedVersion(String found, int supported) implements DecodeError {
        @Override
        public String message() {
            return "reinstaller.v=" + found + " is not supported: this installer reads schema version " + supported;
        }
    }

    /** A {@code reinstaller.*} parameter this build does not know (often a typo at the console). */
    record UnknownParameter(String parameter, java.util.List<String> known) implements DecodeError {
        public UnknownParameter {
            known = java.util.List.copyOf(known);
        }

        @Override
        public String message() {
            return parameter + " is not a known parameter (known: " + String.join(", ", known) + ")";
        }
    }

    /** A parameter appears twice with different values. */
    record Conflicting(String parameter, String first, String second) implements DecodeError {
        @Override
        public String message() {
            return parameter + " is given twice with different values ('" + abbreviate(first) + "' and '"
                    + abbreviate(second) + "')";
        }
    }

    /** A parameter's value has the wrong shape (not a number, not hex, not a URL...). */
    record BadValue(String parameter, String value, String expected) implements DecodeError {
        @Override
        public String message() {
            return parameter + "='" + abbreviate(value) + "' is invalid: expected " + expected;
        }
    }

    /** The value is not base64 (base64url without padding for {@code reinstaller.info}). */
    record BadBase64(String parameter, int offset, String detail) implements DecodeError {
        @Override
        public String message() {
            return parameter + " is not valid base64 at character " + offset + ": " + detail;
        }
    }

    /** Base64 decoded, but the bytes are not a complete raw deflate stream. */
    record BadDeflate(String parameter, String detail) implements DecodeError {
        @Override
        public String message() {
            return parameter + " does not inflate (" + detail + "): the value was probably cut or mistyped";
        }
    }

    /** The JSON's CRC-32 differs from {@code reinstaller.crc}: a typo or a cut line. */
    record CrcMismatch(String expected, String actual) implements DecodeError {
        @Override
        public String message() {
            return "reinstaller.crc=" + expected + " but the runtime info has crc " + actual
                    + ": the command line was mistyped or cut";
        }
    }

    /** The bytes are not JSON. */
    record InvalidJson(String source, int line, int column, String detail) implements DecodeError {
        @Override
        public String message() {
            return source + " is not valid JSON at line " + line + ", column " + column + ": " + detail;
        }
    }

    /** JSON parsed, but a field is missing, unknown, of the wrong type, or breaks a rule. */
    record InvalidField(String source, String path, String reason) implements DecodeError {
        @Override
        public String message() {
            return source + ": field " + path + " " + reason;
        }
    }

    /**
     * The original system's {@code disk_key=} was found. Parameters without a dot reach init's
     * environment and the kernel log, so a key there is already exposed; we refuse to use it.
     */
    record DiskKeyOnCommandLine() implements DecodeError {
        @Override
        public String message() {
            return "disk_key= found on the kernel command line and refused: a parameter without a dot is"
                    + " copied into init's environment and the kernel log, so the key is no longer secret."
                    + " Choose a new passphrase and send it over the status API (POST /disk-key) or type it"
                    + " on the console.";
        }
    }

    private static String abbreviate(String value) {
        return Quoted.of(value);
    }
}
