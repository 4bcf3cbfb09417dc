package dev.reinstaller.cloud.testing;

import dev.reinstaller.protocol.SshHostKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What the operator's machine holds before a reinstall, written under a test's directory: an SSH
 * identity ({@code id_ed25519}, whose public line the fake hosts authorize), the agent's distribution
 * with its launcher and a bundle with its manifest.
 *
 * @param client the identity's key
 */
public record OperatorFiles(Path identity, SshHostKey client, Path agent, Path bundle) {

    /** Writes the files; the agent goes to {@code dir/agentDir}, the bundle to {@code dir/bundle}. */
    public static OperatorFiles write(Path dir, String agentDir) throws IOException {
        Path identity = dir.resolve("id_ed25519");
        SshHostKey client = TestKeys.write(identity, "operator");
        Path agent = Files.createDirectories(dir.resolve(agentDir));
        Files.writeString(agent.resolve("reinstaller-agent"), "#!/bin/sh\n");
        Path bundle = Files.createDirectories(dir.resolve("bundle"));
        Files.writeString(bundle.resolve("manifest.json"), "{}");
        return new OperatorFiles(identity, client, agent, bundle);
    }

    /** The identity's public key line, for a fake host's authorized keys. */
    public String clientKey() {
        return client.publicKeyLine();
    }
}
