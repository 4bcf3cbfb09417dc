package dev.reinstaller.installer.flake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.reinstaller.protocol.InstallSources;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The host flake the installer writes to {@code /mnt/persist/etc/nixos}: {@code flake.nix} with one
 * {@code nixosConfigurations.<host>} built by {@code reinstaller.lib.mkHost} from
 * {@code ./runtime-info.json}, and a {@code flake.lock} (version 7) that pins {@code reinstaller} and
 * {@code nixpkgs} with their narHash, so nixos-install finds both in the ramdisk's store and the
 * installed host can rebuild itself later. {@code reinstaller}'s nixpkgs follows the host's.
 *
 * <p>An operator flake ({@code extra}), when given, is an input whose {@code nixosModules.default}
 * is imported after the host module, with its nixpkgs following the host's too. Its revision is
 * unknown here, so the lock leaves it out and Nix locks it when nixos-install evaluates the flake
 * (which needs the network for it).
 *
 * @param hostName the host name, as runtime info holds it (also the configuration's name)
 * @param inputs the pinned inputs
 * @param extra the operator's flake URL, if any
 */
public record HostFlake(String hostName, FlakeInputs inputs, Optional<String> extra) {
    private static final Pattern HOST_NAME = Pattern.compile("[a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?");
    private static final Pattern EXTRA = InstallSources.FLAKE_URL;
    private static final ObjectMapper JSON = JsonMapper.builder().build();

    public HostFlake {
        if (hostName == null || !HOST_NAME.matcher(hostName).matches()) {
            throw new IllegalArgumentException("'" + hostName + "' is not a host name");
        }
        extra.ifPresent(HostFlake::checkExtra);
    }

    /** Refuses an operator flake URL that is not a plain {@code scheme:rest} without quotes or spaces. */
    public static String checkExtra(String url) {
        if (url.length() > InstallSources.FLAKE_URL_MAX || !EXTRA.matcher(url).matches()) {
            throw new IllegalArgumentException("extra flake '" + url + "' is not a flake URL (scheme:rest, no"
                    + " spaces, quotes, backslashes or $)");
        }
        return url;
    }

    /** The text of {@code flake.nix}. */
    public String flakeNix() {
        StringBuilder nix = new StringBuilder();
        nix.append("# The host flake of ").append(hostName).append(", written by reinstaller-installer.\n");
        nix.append("# Rebuild with: nixos-rebuild switch --flake /etc/nixos#")
                .append(hostName)
                .append('\n');
        nix.append("# runtime-info.json is what the old host looked like (addresses, disks, keys); the\n");
        nix.append("# reinstaller input turns it into this system. Add your own modules to `modules`.\n");
        nix.append("{\n");
        nix.append("  description = \"NixOS on ").append(hostName).append(", installed by reinstaller\";\n\n");
        nix.append("  inputs = {\n");
        nix.append("    nixpkgs.url = \"").append(inputs.nixpkgs().url()).append("\";\n");
        nix.append("    reinstaller.url = \"")
                .append(inputs.reinstaller().url())
                .append("\";\n");
        nix.append("    reinstaller.inputs.nixpkgs.follows = \"nixpkgs\";\n");
        extra.ifPresent(url -> {
            nix.append("    extra.url = \"").append(url).append("\";\n");
            nix.append("    extra.inputs.nixpkgs.follows = \"nixpkgs\";\n");
        });
        nix.append("  };\n\n");
        nix.append("  outputs =\n");
        nix.append("    { reinstaller, ... }@inputs:\n");
        nix.append("    {\n");
        nix.append("      nixosConfigurations.\"").append(hostName).append("\" = reinstaller.lib.mkHost {\n");
        nix.append("        runtimeInfo = ./runtime-info.json;\n");
        nix.append("        specialArgs = { inherit inputs; };\n");
        if (extra.isPresent()) {
            nix.append("        modules = [ inputs.extra.nixosModules.default ];\n");
        } else {
            nix.append("        modules = [ ];\n");
        }
        nix.append("      };\n");
        nix.append("    };\n");
        nix.append("}\n");
        return nix.toString();
    }

    /** The text of {@code flake.lock}, keys sorted as Nix writes them. */
    public String flakeLock() {
        Map<String, Object> nodes = new TreeMap<>();
        nodes.put("nixpkgs", node(inputs.nixpkgs(), Map.of()));
        nodes.put("reinstaller", node(inputs.reinstaller(), Map.of("nixpkgs", List.of("nixpkgs"))));
        nodes.put("root", Map.of("inputs", new TreeMap<>(Map.of("nixpkgs", "nixpkgs", "reinstaller", "reinstaller"))));
        Map<String, Object> lock = new TreeMap<>();
        lock.put("nodes", nodes);
        lock.put("root", "root");
        lock.put("version", 7);
        try {
            return writer().writeValueAsString(lock) + "\n";
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, Object> node(FlakeInputs.Input input, Map<String, Object> follows) {
        FlakeRef ref = input.ref();
        Map<String, Object> node = new TreeMap<>();
        if (!follows.isEmpty()) {
            node.put("inputs", new TreeMap<>(follows));
        }
        node.put("locked", ref.locked(input));
        node.put("original", ref.original());
        return node;
    }

    private static ObjectWriter writer() {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
                        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withArrayIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"))
                .withObjectIndenter(DefaultIndenter.SYSTEM_LINEFEED_INSTANCE.withLinefeed("\n"));
        return JSON.writer(printer);
    }
}
