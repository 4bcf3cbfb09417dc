package dev.reinstaller.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The preset dictionary of schema version 1 is frozen and holds nothing about any one host. */
class DictionaryTest {
    /**
     * SHA-256 of {@code dictionary-v1.txt}. Every command line ever encoded depends on these bytes:
     * once released, a new dictionary means a new schema version, never a new pin.
     */
    private static final String SHA256_V1 = "01b6526681b44af3fbeb09421e67aeb6447684ec789e279f046dc532f3fc77ab";

    private static final Set<String> ALLOWED_V4 =
            Set.of("172.31.1.1", "185.12.64.1", "185.12.64.2", "10.0.0.0", "10.0.0.1", "10.0.0.2");

    private static String text() {
        return new String(InfoCodec.dictionary(), StandardCharsets.UTF_8);
    }

    @Test
    void theDictionaryIsFrozen() throws NoSuchAlgorithmException {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(InfoCodec.dictionary());
        assertThat(HexFormat.of().formatHex(digest)).isEqualTo(SHA256_V1);
    }

    @Test
    void theDictionaryFitsTheDeflateWindow() {
        assertThat(InfoCodec.dictionary().length).isBetween(256, 32 * 1024);
    }

    @Test
    void noIpv4AddressButHetznersGatewayResolversAndThePrivateTemplate() {
        Matcher m = Pattern.compile("(?<![0-9.])[0-9]{1,3}(\\.[0-9]{1,3}){3}(?![0-9])")
                .matcher(text());
        List<String> found = new ArrayList<>();
        while (m.find()) {
            found.add(m.group());
        }
        assertThat(found).isNotEmpty().allSatisfy(ip -> assertThat(ALLOWED_V4).contains(ip));
    }

    @Test
    void noKeyMaterialBeyondTheFixedKeyTypePrefixes() {
        List<String> allowed = List.of(
                header(string("ssh-ed25519"), uint32(32)),
                header(string("sk-ssh-ed25519@openssh.com"), uint32(32)),
                header(string("ecdsa-sha2-nistp256"), string("nistp256"), uint32(65), new byte[] {4}),
                header(string("ssh-rsa"), string(new byte[] {1, 0, 1}), uint32(385), new byte[] {0}),
                header(string("ssh-rsa"), string(new byte[] {1, 0, 1}), uint32(513), new byte[] {0}));
        Matcher m = Pattern.compile("AAAA[A-Za-z0-9+/]*").matcher(text());
        List<String> blobs = new ArrayList<>();
        while (m.find()) {
            blobs.add(m.group());
        }
        assertThat(blobs)
                .isNotEmpty()
                .allSatisfy(blob -> assertThat(allowed)
                        .as("%s holds only the key type's fixed header", blob)
                        .anySatisfy(prefix -> assertThat(prefix).startsWith(blob)));
    }

    @Test
    void noMacUuidOrHostIdOfAnyHost() {
        String text = text();
        assertThat(text).doesNotContainPattern("[0-9a-f]{2}(:[0-9a-f]{2}){5}");
        assertThat(text).doesNotContainPattern("[0-9a-f]{8}-[0-9a-f]{4}-");
        assertThat(text).doesNotContainPattern("\"hostId\":\"[0-9a-f]");
        assertThat(text).doesNotContainPattern("\"(instanceId|hostName)\":\"[^\"{]");
        assertThat(text).doesNotContainPattern("\"machine\":\\{\"serial\":\"[^\"]");
        assertThat(text.replace("\"serial\":\"drive-scsi0-0-0-0\"", ""))
                .as("no disk serial but the one every Hetzner Cloud disk reports")
                .doesNotContainPattern("\"serial\":\"[^\"]");
        assertThat(text).doesNotContainPattern("\"sizeBytes\":[0-9]");
    }

    /** The base64 characters fully determined by a key blob's fixed header. */
    private static String header(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        byte[] bytes = out.toByteArray();
        return Base64.getEncoder().encodeToString(bytes).substring(0, bytes.length * 8 / 6);
    }

    private static byte[] string(String value) {
        return string(value.getBytes(StandardCharsets.US_ASCII));
    }

    private static byte[] string(byte[] value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(uint32(value.length));
        out.writeBytes(value);
        return out.toByteArray();
    }

    private static byte[] uint32(int value) {
        return new byte[] {(byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value};
    }
}
