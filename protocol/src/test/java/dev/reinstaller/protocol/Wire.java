package dev.reinstaller.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Test helpers that run runtime info through the whole boot path. */
final class Wire {
    private Wire() {}

    /** Encodes for the kernel and decodes the command line (and the cpio, when info moved there). */
    static RuntimeInfo throughBoot(RuntimeInfo info) {
        return decodeInfo(BootEncoder.encode(BootEncoder.Request.of(info)));
    }

    /** The runtime info an installer would end up with for this encoded boot. */
    static RuntimeInfo decodeInfo(BootEncoder.Encoded encoded) {
        BootParameters parameters = BootDecoder.decode(encoded.commandLine()).orThrow();
        return switch (parameters.source()) {
            case InfoSource.Inline inline -> inline.info();
            case InfoSource.InCpio cpio ->
                InfoCodec.decodeJson(cpioFile(encoded, BootParameters.CPIO_INFO), cpio.crc(), BootParameters.CPIO_INFO)
                        .orThrow();
            case InfoSource.Metadata metadata -> throw new AssertionError("decoded as metadata: " + metadata);
            case InfoSource.Legacy legacy -> throw new AssertionError("decoded as legacy: " + legacy);
        };
    }

    /** The named file of the encoded boot's cpio, read back from the archive bytes. */
    static byte[] cpioFile(BootEncoder.Encoded encoded, String name) {
        return Cpio.read(Cpio.write(encoded.cpioEntries())).stream()
                .filter(e -> e.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + encoded.cpioEntries()))
                .data();
    }

    /** The value of the first parameter of that name, or null when it is absent or a bare flag. */
    static String parameter(String cmdline, String name) {
        return KernelCommandLine.parse(cmdline).stream()
                .filter(p -> p.name().equals(name))
                .findFirst()
                .map(KernelCommandLine.Parameter::value)
                .orElse(null);
    }

    static String resource(String name) {
        try (InputStream in = Wire.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
