package dev.reinstaller.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

/**
 * Feeds {@link BootDecoder#decode} 100 000 mutated command lines from a fixed seed. Whatever the
 * input, the decoder answers with a {@link Result}; it never throws.
 */
class BootDecoderFuzzTest {
    private static final int INPUTS = 100_000;
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final String SPECIAL = "\"= \t\n.+/:%";
    private static final List<String> NAMES = List.of(
            "reinstaller.v",
            "reinstaller.info",
            "reinstaller.crc",
            "reinstaller.source",
            "reinstaller.metadata",
            "reinstaller.confirm",
            "reinstaller.deadline",
            "reinstaller.vv",
            "reinstaller.",
            "runtime_info",
            "disk_key",
            "init",
            "quiet");

    private final SplittableRandom random = new SplittableRandom(0xF022L);

    @Test
    void decodeOnlyEverReturnsAResult() {
        List<String> seeds = seeds();
        Map<String, Integer> outcomes = new HashMap<>();
        for (int i = 0; i < INPUTS; i++) {
            String input = seeds.get(random.nextInt(seeds.size()));
            for (int n = 1 + random.nextInt(3); n > 0; n--) {
                input = mutate(input);
            }
            String outcome;
            try {
                outcome = switch (BootDecoder.decode(input)) {
                    case Result.Ok<BootParameters> ok ->
                        "Ok " + ok.value().source().getClass().getSimpleName();
                    case Result.Error<BootParameters> error -> {
                        assertThat(error.error()).isNotNull();
                        assertThat(error.error().message()).isNotBlank();
                        yield error.error().getClass().getSimpleName();
                    }
                };
            } catch (RuntimeException | StackOverflowError e) {
                throw new AssertionError("input " + i + " made decode throw: " + printable(input), e);
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }
        assertThat(outcomes)
                .as("the mutations reach every stage of decoding")
                .containsKeys(
                        "Ok Inline",
                        "Ok InCpio",
                        "Ok Metadata",
                        "Ok Legacy",
                        "Missing",
                        "UnsupportedVersion",
                        "UnknownParameter",
                        "Conflicting",
                        "BadValue",
                        "BadBase64",
                        "BadDeflate",
                        "CrcMismatch",
                        "InvalidJson",
                        "InvalidField",
                        "DiskKeyOnCommandLine");
    }

    private static List<String> seeds() {
        List<String> seeds = new ArrayList<>();
        RandomHosts hosts = new RandomHosts(7);
        for (int i = 0; i < 20; i++) {
            RuntimeInfo info = i == 0 ? Hosts.hetzner() : hosts.any();
            seeds.add(BootEncoder.encode(new BootEncoder.Request(
                            info,
                            "init=/nix/store/x/init",
                            Optional.of(ConfirmationToken.of(info)),
                            Optional.of(Duration.ofSeconds(600)),
                            false))
                    .commandLine());
        }
        seeds.add(BootEncoder.encode(
                        new BootEncoder.Request(Hosts.hetzner(), "", Optional.empty(), Optional.empty(), true))
                .commandLine());
        seeds.add("reinstaller.v=1 reinstaller.source=metadata");
        seeds.add("reinstaller.v=1 reinstaller.source=metadata reinstaller.metadata=http://169.254.169.254/hetzner/v1");
        seeds.add(Wire.resource("golden/legacy-2021.cmdline"));
        return seeds;
    }

    private String mutate(String input) {
        if (input.isEmpty()) {
            return randomParameter();
        }
        int at = random.nextInt(input.length());
        return switch (random.nextInt(11)) {
            case 0 -> input.substring(0, at) + randomChar() + input.substring(at + 1);
            case 1 -> input.substring(0, at);
            case 2 -> input.substring(0, at) + randomText(1 + random.nextInt(8)) + input.substring(at);
            case 3 -> input + " " + pickParameter(input);
            case 4 -> changeValue(input, "reinstaller.info", this::changeBase64);
            case 5 -> changeValue(input, "reinstaller.crc", v -> random.nextBoolean() ? randomHex(8) : randomText(8));
            case 6 -> input + " " + randomParameter();
            case 7 -> reencodeMutatedJson(input);
            case 8 -> changeValue(input, "runtime_info", this::mutateLegacy);
            case 9 -> removeParameter(input);
            default -> input.substring(0, at) + input.substring(Math.min(input.length(), at + random.nextInt(20)));
        };
    }

    /** Replaces base64url characters of the value with other base64url characters. */
    private String changeBase64(String value) {
        if (value.isEmpty()) {
            return value;
        }
        char[] chars = value.toCharArray();
        for (int n = 1 + random.nextInt(3); n > 0; n--) {
            chars[random.nextInt(chars.length)] = BASE64URL.charAt(random.nextInt(BASE64URL.length()));
        }
        return new String(chars);
    }

    /**
     * Inflates {@code reinstaller.info}, changes the JSON, deflates it again and sets the matching
     * {@code reinstaller.crc}: reaches the JSON reader past the CRC check.
     */
    private String reencodeMutatedJson(String input) {
        String info = Wire.parameter(input, BootParameters.INFO);
        if (info == null) {
            return input;
        }
        Result<byte[]> json = InfoCodec.decodeBase64(BootParameters.INFO, info).then(InfoCodec::inflate);
        if (!(json instanceof Result.Ok<byte[]> ok)) {
            return input;
        }
        byte[] mutated =
                mutateJson(new String(ok.value(), StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
        String encoded = Base64.getUrlEncoder().withoutPadding().encodeToString(InfoCodec.deflate(mutated));
        String withInfo = changeValue(input, BootParameters.INFO, v -> encoded);
        return changeValue(withInfo, BootParameters.CRC, v -> InfoCodec.crc(mutated));
    }

    private String mutateJson(String json) {
        int at = random.nextInt(json.length());
        return switch (random.nextInt(6)) {
            case 0 -> json.substring(0, at) + randomChar() + json.substring(at + 1);
            case 1 -> json.substring(0, at);
            case 2 ->
                json.substring(0, at)
                        + pick("{", "}", "[", "]", ",", ":", "\"", "null", "1e999", "-1", "true")
                        + json.substring(at);
            case 3 -> json.replaceFirst("\"[a-zA-Z]+\":", Matcher.quoteReplacement("\"" + randomText(4) + "\":"));
            case 4 -> json.replaceFirst(":\"[^\"]*\"", ":" + pick("1", "true", "null", "[]", "{}", "\"\"", "\" \""));
            default -> json.replace("\"dhcp\":true", "\"dhcp\":false").replace("]", ",null]");
        };
    }

    private String mutateLegacy(String value) {
        String unquoted = value.strip();
        byte[] json;
        try {
            json = Base64.getDecoder().decode(unquoted);
        } catch (IllegalArgumentException e) {
            return changeBase64(value);
        }
        if (json.length == 0) {
            return value;
        }
        String mutated = mutateJson(new String(json, StandardCharsets.UTF_8));
        return Base64.getEncoder().encodeToString(mutated.getBytes(StandardCharsets.UTF_8));
    }

    /** Applies a change to the first value of the named parameter, keeping the rest of the line. */
    private String changeValue(String input, String name, UnaryOperator<String> change) {
        List<KernelCommandLine.Parameter> parameters = KernelCommandLine.parse(input);
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        for (KernelCommandLine.Parameter p : parameters) {
            String word = p.toString();
            if (!changed && p.name().equals(name) && p.value() != null) {
                word = p.name() + "=" + change.apply(p.value());
                changed = true;
            }
            out.append(word).append(' ');
        }
        return changed ? out.toString() : input + " " + name + "=" + randomText(12);
    }

    private String pickParameter(String input) {
        List<KernelCommandLine.Parameter> parameters = KernelCommandLine.parse(input);
        if (parameters.isEmpty()) {
            return randomParameter();
        }
        KernelCommandLine.Parameter p = parameters.get(random.nextInt(parameters.size()));
        return random.nextBoolean() || p.value() == null ? p.toString() : p.name() + "=" + changeBase64(p.value());
    }

    private String removeParameter(String input) {
        List<KernelCommandLine.Parameter> parameters = new ArrayList<>(KernelCommandLine.parse(input));
        if (!parameters.isEmpty()) {
            parameters.remove(random.nextInt(parameters.size()));
        }
        return String.join(
                " ",
                parameters.stream().map(KernelCommandLine.Parameter::toString).toList());
    }

    private String randomParameter() {
        String name = NAMES.get(random.nextInt(NAMES.size()));
        return switch (random.nextInt(4)) {
            case 0 -> name;
            case 1 -> name + "=";
            case 2 -> name + "=\"" + randomText(1 + random.nextInt(30)) + "\"";
            default -> name + "=" + randomText(1 + random.nextInt(30));
        };
    }

    private String randomText(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(randomChar());
        }
        return out.toString();
    }

    private char randomChar() {
        return switch (random.nextInt(8)) {
            case 0 -> (char) random.nextInt(0x20);
            case 1 -> (char) (0x80 + random.nextInt(0x3000));
            case 2 -> BASE64URL.charAt(random.nextInt(BASE64URL.length()));
            case 3 -> SPECIAL.charAt(random.nextInt(SPECIAL.length()));
            default -> (char) (0x20 + random.nextInt(0x5f));
        };
    }

    private String randomHex(int digits) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < digits; i++) {
            out.append(Character.forDigit(random.nextInt(16), 16));
        }
        return out.toString();
    }

    private String pick(String... values) {
        return values[random.nextInt(values.length)];
    }

    private static String printable(String input) {
        StringBuilder out = new StringBuilder();
        input.chars().forEach(c -> {
            if (c >= 0x20 && c < 0x7f) {
                out.append((char) c);
            } else {
                out.append(String.format("\\u%04x", c));
            }
        });
        return out.toString();
    }
}
