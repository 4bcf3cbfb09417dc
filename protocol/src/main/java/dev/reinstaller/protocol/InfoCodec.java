package dev.reinstaller.protocol;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * {@code reinstaller.info}: raw deflate (preset dictionary frozen per schema version) of the compact
 * JSON, in base64url without padding; {@code reinstaller.crc}: CRC-32 of the JSON in 8 hex digits.
 */
public final class InfoCodec {
    /** Inflated runtime info larger than this is refused (a deflate bomb, or not ours). */
    static final int MAX_JSON_BYTES = 1 << 20;

    private static final byte[] DICTIONARY_V1 = loadDictionary("dictionary-v1.txt");

    private InfoCodec() {}

    /** The parameter values for one runtime info. */
    public record Encoded(String info, String crc, byte[] json) {}

    public static Encoded encode(RuntimeInfo info) {
        byte[] json = RuntimeInfoJson.toBytes(info);
        return new Encoded(Base64.getUrlEncoder().withoutPadding().encodeToString(deflate(json)), crc(json), json);
    }

    /** CRC-32 of the bytes as 8 lowercase hex digits. */
    public static String crc(byte[] bytes) {
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return HexFormat.of().toHexDigits((int) crc.getValue());
    }

    /** The frozen dictionary of schema version 1 (a copy). */
    public static byte[] dictionary() {
        return DICTIONARY_V1.clone();
    }

    static byte[] deflate(byte[] json) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        try {
            deflater.setDictionary(DICTIONARY_V1);
            deflater.setInput(json);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream(json.length);
            byte[] buffer = new byte[4096];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return out.toByteArray();
        } finally {
            deflater.end();
        }
    }

    /** Decodes {@code reinstaller.info} and checks it against {@code reinstaller.crc}. */
    public static Result<RuntimeInfo> decode(String info, String expectedCrc) {
        return decodeBase64(BootParameters.INFO, info)
                .then(InfoCodec::inflate)
                .then(json -> checkCrc(json, expectedCrc))
                .then(json -> RuntimeInfoJson.read(json, BootParameters.INFO));
    }

    /** Checks runtime info JSON that arrived in the cpio against {@code reinstaller.crc}. */
    public static Result<RuntimeInfo> decodeJson(byte[] json, String expectedCrc, String source) {
        return checkCrc(json, expectedCrc).then(ok -> RuntimeInfoJson.read(ok, source));
    }

    static Result<byte[]> checkCrc(byte[] json, String expectedCrc) {
        String actual = crc(json);
        if (!actual.equalsIgnoreCase(expectedCrc)) {
            return Result.error(new DecodeError.CrcMismatch(expectedCrc, actual));
        }
        return Result.ok(json);
    }

    static Result<byte[]> decodeBase64(String parameter, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean ok =
                    (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
            if (!ok) {
                String what = c == '=' ? "padding '=' (base64url here has none)" : "character '" + printable(c) + "'";
                return Result.error(new DecodeError.BadBase64(parameter, i, "unexpected " + what));
            }
        }
        if (text.length() % 4 == 1) {
            return Result.error(new DecodeError.BadBase64(parameter, text.length(), "the value ends mid-character"));
        }
        if (text.isEmpty()) {
            return Result.error(new DecodeError.BadBase64(parameter, 0, "the value is empty"));
        }
        try {
            return Result.ok(Base64.getUrlDecoder().decode(text));
        } catch (IllegalArgumentException e) {
            return Result.error(new DecodeError.BadBase64(parameter, text.length(), e.getMessage()));
        }
    }

    static Result<byte[]> inflate(byte[] compressed) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setDictionary(DICTIONARY_V1);
            inflater.setInput(compressed);
            ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 4);
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished()) {
                    String why =
                            inflater.needsDictionary() ? "it asks for another dictionary" : "the stream ends early";
                    return Result.error(new DecodeError.BadDeflate(BootParameters.INFO, why));
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_JSON_BYTES) {
                    return Result.error(new DecodeError.BadDeflate(
                            BootParameters.INFO, "it inflates to more than " + MAX_JSON_BYTES + " bytes"));
                }
            }
            if (inflater.getRemaining() > 0) {
                return Result.error(new DecodeError.BadDeflate(
                        BootParameters.INFO, inflater.getRemaining() + " bytes follow the end of the stream"));
            }
            return Result.ok(out.toByteArray());
        } catch (DataFormatException e) {
            return Result.error(new DecodeError.BadDeflate(
                    BootParameters.INFO, e.getMessage() == null ? "corrupt data" : e.getMessage()));
        } finally {
            inflater.end();
        }
    }

    private static String printable(char c) {
        return c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04x", (int) c);
    }

    private static byte[] loadDictionary(String name) {
        try (InputStream in = InfoCodec.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
