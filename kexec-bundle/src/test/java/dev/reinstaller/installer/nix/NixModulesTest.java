package dev.reinstaller.installer.nix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.reinstaller.installer.flake.FlakeFixtures;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * nix/modules/host.nix, with every runtime-info fixture, and nix/modules/ramdisk.nix, evaluated by
 * nixpkgs's real {@code lib.evalModules} over NixOS's own option declarations (tests/modules.nix):
 * the resulting config's networkd units by MAC, the initrd's sshd and forced command, the pool's
 * import and key wait, the host flake in /persist and its registry entry, the rollback unit, and
 * the ramdisk's units and watchdogs.
 */
class NixModulesTest {
    private static JsonNode host;
    private static JsonNode ramdisk;

    @BeforeAll
    static void evaluate() {
        JsonNode modules = evalModules("hetzner-dhcp", Map.of());
        host = modules.get("host");
        ramdisk = modules.get("ramdisk");
    }

    /** tests/modules.nix with one fixture; {@code extra} are further --arg expressions. */
    static JsonNode evalModules(String fixture, Map<String, String> extra) {
        return NixInstantiate.require().eval(NixInstantiate.TESTS.resolve("modules.nix"), arguments(fixture, extra));
    }

    static Map<String, String> arguments(String fixture, Map<String, String> extra) {
        Map<String, String> args = new HashMap<>(extra);
        args.put("nixpkgsLib", NixInstantiate.nixpkgsLib());
        args.put("fixture", NixInstantiate.nixPath(NixInstantiate.TESTS.resolve("fixtures/" + fixture + ".json")));
        return args;
    }

    static List<String> fixtures() {
        return FlakeFixtures.names();
    }

    @ParameterizedTest
    @MethodSource("fixtures")
    void everyFixtureEvaluatesToTheLibsSettings(String fixture) {
        JsonNode settings = NixInstantiate.require()
                .eval(
                        NixInstantiate.TESTS.resolve("settings.nix"),
                        Map.of(
                                "fixture",
                                NixInstantiate.nixPath(NixInstantiate.TESTS.resolve("fixtures/" + fixture + ".json"))));
        JsonNode config = evalModules(fixture, Map.of()).at("/host/config");
        JsonNode networks = config.at("/systemd/network/networks");
        assertThat(networks.size())
                .isEqualTo(settings.at("/systemd/network/networks").size());
        settings.at("/systemd/network/networks").properties().forEach(unit -> {
            JsonNode evaluated = networks.get(unit.getKey());
            assertThat(evaluated.at("/matchConfig/MACAddress"))
                    .isEqualTo(unit.getValue().at("/matchConfig/MACAddress"));
            assertThat(evaluated.get("address")).isEqualTo(unit.getValue().get("address"));
            assertThat(evaluated.get("routes")).isEqualTo(unit.getValue().get("routes"));
        });
        assertThat(config.at("/boot/initrd/systemd/network/networks").size())
                .isEqualTo(settings.at("/boot/initrd/systemd/network/networks").size());
        assertThat(config.at("/networking/hostName")).isEqualTo(settings.at("/networking/hostName"));
        assertThat(config.get("hostPlatform")).isEqualTo(settings.at("/nixpkgs/hostPlatform"));
        assertThat(config.at("/boot/loader/grub/devices")).isEqualTo(settings.at("/boot/loader/grub/devices"));
        assertThat(config.at("/fileSystems/~1/device").asText()).isEqualTo("rpool/local/root");
        assertThat(config.at("/fileSystems/~1persist/neededForBoot").asBoolean())
                .isTrue();
        assertThat(config.at("/boot/initrd/network/ssh/port").asInt()).isEqualTo(2222);
        assertThat(config.at("/boot/initrd/network/ssh/authorizedKeys"))
                .isEqualTo(settings.at("/users/users/root/openssh/authorizedKeys/keys"));
        assertThat(config.at("/nix/registry/installed/to/path").asText()).isEqualTo("/persist/etc/nixos");
        assertThat(config.at("/system/stateVersion").asText()).isEqualTo("26.11");
    }

    @Test
    void reinstallerOptionsAreTypedAndDescribed() {
        List<JsonNode> options = host.get("options").valueStream().toList();
        assertThat(options)
                .allSatisfy(o -> assertThat(o.get("described").asBoolean())
                        .as("%s is described", o.get("name"))
                        .isTrue());
        assertThat(options.stream().map(o -> o.get("name").asText()))
                .contains(
                        "reinstaller.runtimeInfo",
                        "reinstaller.initrdUnlock.port",
                        "reinstaller.rollbackRoot.enable",
                        "reinstaller.storage.enable");
        assertThat(ramdisk.get("options").valueStream().map(o -> o.get("name").asText()))
                .contains("reinstaller.ramdisk.installerPackage", "reinstaller.ramdisk.hostFlakeInputs");
    }

    @Test
    void sshHostKeysLiveInPersistAndReplaceNixosDefaults() {
        JsonNode config = host.get("config");
        assertThat(config.at("/services/openssh/hostKeys")).hasSize(1);
        assertThat(config.at("/services/openssh/hostKeys/0/path").asText())
                .isEqualTo("/persist/etc/ssh/ssh_host_ed25519_key");
        assertThat(config.at("/services/openssh/settings/PasswordAuthentication")
                        .asBoolean())
                .isFalse();
        assertThat(config.at("/services/openssh/settings/PermitRootLogin").asText())
                .isEqualTo("prohibit-password");
    }

    @Test
    void initrdUnlocksOverSshOnPort2222WithAForcedCommandAndTheImportWaitsForTheKey() {
        JsonNode config = host.get("config");
        JsonNode ssh = config.at("/boot/initrd/network/ssh");
        assertThat(Json.texts(ssh.get("hostKeys"))).containsExactly("/persist/etc/ssh/initrd_ssh_host_ed25519_key");
        String sshdConfig = ssh.get("extraConfig").asText();
        assertThat(sshdConfig)
                .matches("(?s)ForceCommand /nix/store/[0-9a-f]{32}-reinstaller-unlock\n.*PermitTTY no\n.*");
        String unlock = host.at("/scripts/reinstaller-unlock").asText();
        assertThat(unlock)
                .contains("IFS= read -r passphrase")
                .containsPattern("\\| /nix/store/[0-9a-f]{32}-zfs/sbin/zfs load-key rpool")
                .contains("systemd-reply-password 0");
        assertThat(config.at("/boot/zfs/requestEncryptionCredentials").asBoolean())
                .isFalse();
        assertThat(config.at("/boot/zfs/forceImportRoot").asBoolean()).isFalse();
        JsonNode importUnit = config.at("/boot/initrd/systemd/services/zfs-import-rpool/serviceConfig");
        assertThat(importUnit.at("/ExecStartPost/0").asText()).endsWith("-reinstaller-wait-for-key");
        assertThat(importUnit.get("TimeoutStartSec").asText()).isEqualTo("infinity");
        assertThat(host.at("/scripts/reinstaller-wait-for-key").asText())
                .contains("--id=reinstaller:rpool")
                .contains("zfs load-key rpool");
        assertThat(config.at("/boot/initrd/systemd/storePaths")
                        .valueStream()
                        .map(p -> p.get("source").asText()))
                .anyMatch(p -> p.endsWith("-systemd/lib/systemd/systemd-reply-password"));
    }

    @Test
    void theHostFlakeAndTheStateThatMustSurviveLiveInPersistFromTheFirstBoot() {
        JsonNode config = host.get("config");
        assertThat(config.at("/environment/etc/nixos/source").asText()).isEqualTo("/persist/etc/nixos");
        assertThat(config.at("/environment/etc/machine-id/source").asText()).isEqualTo("/persist/etc/machine-id");
        JsonNode registry = config.at("/nix/registry/installed");
        assertThat(registry.at("/from/id").asText()).isEqualTo("installed");
        assertThat(registry.at("/to/type").asText()).isEqualTo("path");
        JsonNode varLibNixos = config.at("/fileSystems/~1var~1lib~1nixos");
        assertThat(varLibNixos.get("device").asText()).isEqualTo("/persist/var/lib/nixos");
        assertThat(Json.texts(varLibNixos.get("options"))).containsExactly("bind");
        JsonNode persist = config.at("/boot/initrd/systemd/services/reinstaller-persist-state");
        assertThat(Json.texts(persist.get("before"))).contains("sysroot-var-lib-nixos.mount");
        assertThat(host.at("/scripts/reinstaller-persist-state").asText())
                .contains("cp /sysroot/etc/machine-id \"$state/etc/machine-id\"")
                .contains("cp -a /sysroot/var/lib/nixos/. \"$state/var/lib/nixos/\"");
        assertThat(config.at("/boot/initrd/systemd/services/reinstaller-rollback-root")
                        .isMissingNode())
                .as("rollback is opt-in")
                .isTrue();
    }

    @Test
    void rollbackRollsRootBackBeforeItIsMountedAndRefusesWithoutTheHostFlake() {
        JsonNode result = evalModules(
                "hetzner-static-onlink", Map.of("hostConfig", "{ reinstaller.rollbackRoot.enable = true; }"));
        JsonNode unit = result.at("/host/config/boot/initrd/systemd/services/reinstaller-rollback-root");
        assertThat(Json.texts(unit.get("after"))).containsExactly("zfs-import-rpool.service");
        assertThat(Json.texts(unit.get("before"))).containsExactly("sysroot.mount");
        assertThat(Json.texts(unit.get("wantedBy"))).containsExactly("initrd.target");
        assertThat(unit.at("/serviceConfig/Type").asText()).isEqualTo("oneshot");
        assertThat(unit.at("/serviceConfig/StandardOutput").asText()).isEqualTo("journal+console");
        String script = result.at("/host/scripts/reinstaller-rollback-root").asText();
        assertThat(script)
                .contains("[ -f \"$check/etc/nixos/flake.nix\" ]")
                .contains("/persist/etc/nixos/flake.nix is missing")
                .containsPattern("zfs rollback -r rpool/local/root@blank");
        assertThat(script.indexOf("flake.nix is missing")).isLessThan(script.indexOf("zfs rollback"));
    }

    @Test
    void storageOffLeavesDisksBootAndUnlockToTheUser() {
        JsonNode config = evalModules("efi", Map.of("hostConfig", "{ reinstaller.storage.enable = false; }"))
                .at("/host/config");
        assertThat(config.get("fileSystems").size()).isZero();
        assertThat(config.at("/boot/initrd/network/ssh/enable").asBoolean()).isFalse();
        assertThat(config.at("/boot/loader/grub/devices")).isEmpty();
        assertThat(config.at("/systemd/network/networks/10-525400123456/address/0")
                        .asText())
                .isEqualTo("192.0.2.50/24");
    }

    @Test
    void ramdiskImportsAndActivatesNoOldStorageAndRunsNoNetworkManager() {
        JsonNode config = ramdisk.get("config");
        assertThat(config.at("/services/lvm/enable").asBoolean()).isFalse();
        assertThat(config.at("/boot/initrd/services/lvm/enable").asBoolean()).isFalse();
        assertThat(config.at("/boot/swraid/enable").asBoolean()).isFalse();
        assertThat(config.at("/boot/zfs/forceImportAll").asBoolean()).isFalse();
        assertThat(config.at("/networking/useDHCP").asBoolean()).isFalse();
        assertThat(config.at("/networking/dhcpcd/enable").asBoolean()).isFalse();
        assertThat(config.at("/networking/networkmanager/enable").asBoolean()).isFalse();
        assertThat(config.at("/systemd/network/enable").asBoolean()).isFalse();
        assertThat(config.at("/users/users/root/hashedPassword").asText()).isEqualTo("!");
        assertThat(config.at("/services/getty/autologinUser").isNull()).isTrue();
        assertThat(config.at("/boot/initrd/systemd/emergencyAccess").asBoolean())
                .isFalse();
        assertThat(config.at("/system/stateVersion").asText()).isEqualTo("26.11");
        assertThat(Json.texts(config.at("/environment/systemPackages")))
                .anyMatch(p -> p.endsWith("-reinstaller-installer"))
                .anyMatch(p -> p.endsWith("-nixos-install-tools"))
                .anyMatch(p -> p.endsWith("-zfs"));
    }

    @Test
    void ramdiskMovesSecretsIntoARootOnlyTmpfsBeforeSshd() {
        JsonNode carry = ramdisk.at("/config/boot/initrd/systemd/services/reinstaller-carry");
        assertThat(carry.get("script").asText()).contains("cp -a /reinstaller/. /sysroot/reinstaller/");
        JsonNode secrets = ramdisk.at("/config/systemd/services/reinstaller-secrets");
        assertThat(Json.texts(secrets.get("before"))).contains("sshd.service", "reinstaller-installer.service");
        assertThat(ramdisk.at("/scripts/reinstaller-secrets").asText())
                .contains("mount -t tmpfs -o mode=0700")
                .contains("rm -rf /reinstaller")
                .contains("install -m 0600 \"$key\" /etc/ssh/ssh_host_ed25519_key")
                .contains("reinstaller-installer authorized-keys --output /root/.ssh/authorized_keys");
    }

    @Test
    void ramdiskWatchdogsDoNotDependOnTheJvm() {
        JsonNode config = ramdisk.get("config");
        JsonNode installer = config.at("/systemd/services/reinstaller-installer");
        assertThat(installer.at("/serviceConfig/ExecStart").asText())
                .matches("/nix/store/[0-9a-f]{32}-reinstaller-installer/bin/reinstaller-installer run");
        assertThat(Json.texts(installer.at("/unitConfig/OnFailure"))).containsExactly("reinstaller-fallback.service");
        assertThat(ramdisk.at("/scripts/reinstaller-fallback").asText())
                .contains("if [ -e /run/reinstaller/past-point-of-no-return ]")
                .contains("systemctl reboot");
        assertThat(ramdisk.at("/scripts/reinstaller-deadline").asText())
                .contains("reinstaller.deadline=")
                .contains("deadline=900");
        assertThat(Json.texts(config.at("/boot/kernelModules"))).contains("softdog");
        assertThat(config.at("/systemd/watchdog/runtimeTime").asText()).isEqualTo("60s");
        assertThat(Json.texts(config.at("/boot/kernelParams"))).last().isEqualTo("console=tty0");
    }

    @Test
    void ramdiskShipsTheHostFlakeInputsAndLeavesTheScreenToTheInstallersPrompt() throws Exception {
        JsonNode config = ramdisk.get("config");
        JsonNode file = config.at("/environment/etc/reinstaller~1inputs.json");
        assertThat(file.get("mode").asText()).isEqualTo("0444");
        assertThat(file.get("source").asText()).endsWith("-inputs.json");
        JsonNode inputs = new ObjectMapper().readTree(file.get("text").asText());
        assertThat(inputs.at("/nixpkgs/url").asText()).isEqualTo("github:NixOS/nixpkgs/" + "1".repeat(40));
        assertThat(config.at("/systemd/services/getty@tty1/enable").asBoolean()).isFalse();
        assertThat(config.at("/systemd/services/autovt@tty1/enable").asBoolean())
                .isFalse();
    }
}
