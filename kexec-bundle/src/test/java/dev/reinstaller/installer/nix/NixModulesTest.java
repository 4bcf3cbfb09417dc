package dev.reinstaller.installer.nix;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * nix/modules/host.nix and nix/modules/ramdisk.nix evaluated with a stub lib and pkgs
 * (tests/module-eval.nix), where a script is its own text: options, ports, key paths, the forced
 * unlock command, and the ramdisk's units and watchdogs.
 */
class NixModulesTest {
    private static final String FIXTURE = "hetzner-dhcp";
    private static JsonNode host;
    private static JsonNode ramdisk;
    private static JsonNode settings;

    @BeforeAll
    static void evaluate() {
        NixInstantiate nix = NixInstantiate.require();
        String fixture = NixInstantiate.nixPath(NixInstantiate.TESTS.resolve("fixtures/" + FIXTURE + ".json"));
        JsonNode modules = nix.eval(NixInstantiate.TESTS.resolve("module-eval.nix"), Map.of("fixture", fixture));
        host = modules.get("host");
        ramdisk = modules.get("ramdisk");
        settings = nix.eval(NixInstantiate.TESTS.resolve("settings.nix"), Map.of("fixture", fixture));
    }

    @Test
    void everyOptionIsTypedAndDescribed() {
        List<String> options = new ArrayList<>();
        collectOptions("", host.get("options"), options);
        collectOptions("", ramdisk.get("options"), options);
        assertThat(options)
                .contains(
                        "reinstaller.runtimeInfo",
                        "reinstaller.initrdUnlock.port",
                        "reinstaller.storage.enable",
                        "reinstaller.ramdisk.installerPackage");
        assertThat(host.at("/options/reinstaller/initrdUnlock/port/default").asInt())
                .isEqualTo(2222);
    }

    @Test
    void hostAppliesTheLibSettings() {
        JsonNode config = host.get("config");
        assertThat(config.at("/systemd/network/networks")).isEqualTo(settings.at("/systemd/network/networks"));
        assertThat(config.at("/boot/initrd/systemd/network/networks"))
                .isEqualTo(settings.at("/boot/initrd/systemd/network/networks"));
        assertThat(config.get("fileSystems")).isEqualTo(settings.get("fileSystems"));
        assertThat(config.at("/networking/hostId").asText()).isEqualTo("5e3a91c2");
        assertThat(config.at("/nixpkgs/hostPlatform").asText()).isEqualTo("x86_64-linux");
        assertThat(config.at("/boot/loader/grub/efiInstallAsRemovable").asBoolean())
                .isTrue();
        assertThat(config.at("/boot/loader/grub/devices")).isEqualTo(settings.at("/boot/loader/grub/devices"));
        assertThat(config.at("/users/users/root/openssh/authorizedKeys/keys")).hasSize(1);
    }

    @Test
    void sshHostKeysLiveInPersist() {
        JsonNode config = host.get("config");
        assertThat(config.at("/services/openssh/hostKeys/0/path").asText())
                .isEqualTo("/persist/etc/ssh/ssh_host_ed25519_key");
        assertThat(Json.at(config, "/services/openssh/settings/PasswordAuthentication")
                        .asBoolean())
                .isFalse();
    }

    @Test
    void initrdUnlocksOverSshOnPort2222WithAForcedCommand() {
        JsonNode ssh = host.at("/config/boot/initrd/network/ssh");
        assertThat(ssh.get("port").asInt()).isEqualTo(2222);
        assertThat(Json.texts(ssh.get("hostKeys"))).containsExactly("/persist/etc/ssh/initrd_ssh_host_ed25519_key");
        assertThat(ssh.get("authorizedKeys")).isEqualTo(settings.at("/users/users/root/openssh/authorizedKeys/keys"));
        String sshdConfig = ssh.get("extraConfig").asText();
        assertThat(sshdConfig)
                .startsWith("ForceCommand #script reinstaller-unlock\n")
                .contains("PermitTTY no");
        assertThat(sshdConfig)
                .contains("IFS= read -r passphrase")
                .contains("| /stub/zfs/sbin/zfs load-key rpool")
                .contains("systemd-reply-password 0");
        assertThat(Json.at(host, "/config/boot/zfs/requestEncryptionCredentials")
                        .asBoolean())
                .isFalse();
        String waitForKey = host.at(
                        "/config/boot/initrd/systemd/services/zfs-import-rpool/serviceConfig/ExecStartPost/0")
                .asText();
        assertThat(waitForKey).contains("--id=reinstaller:rpool").contains("zfs load-key rpool");
        assertThat(Json.texts(host.at("/config/boot/initrd/systemd/storePaths")))
                .contains("/stub/systemd/lib/systemd/systemd-reply-password");
    }

    @Test
    void storageOffLeavesDisksBootAndUnlockToTheUser() {
        JsonNode config = NixInstantiate.require()
                .eval(
                        NixInstantiate.TESTS.resolve("module-eval.nix"),
                        Map.of(
                                "fixture",
                                NixInstantiate.nixPath(NixInstantiate.TESTS.resolve("fixtures/efi.json")),
                                "hostOverrides",
                                "{ storage.enable = false; }"))
                .at("/host/config");
        assertThat(config.has("fileSystems")).isFalse();
        assertThat(config.at("/boot/initrd/network").isMissingNode()).isTrue();
        assertThat(config.at("/boot/loader").isMissingNode()).isTrue();
        assertThat(config.at("/systemd/network/networks/10-525400123456/address/0")
                        .asText())
                .isEqualTo("192.0.2.50/24");
    }

    @Test
    void ramdiskImportsAndActivatesNoOldStorage() {
        JsonNode config = ramdisk.get("config");
        assertThat(Json.at(config, "/services/lvm/enable").asBoolean()).isFalse();
        assertThat(Json.at(config, "/boot/initrd/services/lvm/enable").asBoolean())
                .isFalse();
        assertThat(Json.at(config, "/boot/swraid/enable").asBoolean()).isFalse();
        assertThat(Json.at(config, "/boot/zfs/forceImportAll").asBoolean()).isFalse();
    }

    @Test
    void ramdiskRunsNoOtherNetworkManagerAndHasNoPassword() {
        JsonNode config = ramdisk.get("config");
        assertThat(Json.at(config, "/networking/useDHCP").asBoolean()).isFalse();
        assertThat(Json.at(config, "/networking/dhcpcd/enable").asBoolean()).isFalse();
        assertThat(Json.at(config, "/networking/networkmanager/enable").asBoolean())
                .isFalse();
        assertThat(Json.at(config, "/systemd/network/enable").asBoolean()).isFalse();
        assertThat(config.at("/users/users/root/hashedPassword").asText()).isEqualTo("!");
        assertThat(config.at("/services/getty/autologinUser").isNull()).isTrue();
        assertThat(Json.at(config, "/boot/initrd/systemd/emergencyAccess").asBoolean())
                .isFalse();
        assertThat(Json.at(config, "/services/openssh/settings/PasswordAuthentication")
                        .asBoolean())
                .isFalse();
        assertThat(Json.texts(ramdisk.get("imports")))
                .containsExactly(
                        "/stub/nixos/modules/installer/netboot/netboot.nix",
                        "/stub/nixos/modules/profiles/minimal.nix");
        assertThat(Json.texts(config.at("/environment/systemPackages")))
                .contains(
                        "/stub/reinstaller-installer",
                        "/stub/zfs",
                        "/stub/pkgs/iproute2",
                        "/stub/pkgs/gptfdisk",
                        "/stub/pkgs/dosfstools",
                        "/stub/pkgs/util-linux",
                        "/stub/pkgs/nixos-install-tools");
    }

    @Test
    void ramdiskMovesSecretsIntoARootOnlyTmpfsBeforeSshd() {
        JsonNode carry = ramdisk.at("/config/boot/initrd/systemd/services/reinstaller-carry");
        assertThat(carry.get("script").asText()).contains("cp -a /reinstaller/. /sysroot/reinstaller/");
        JsonNode secrets = ramdisk.at("/config/systemd/services/reinstaller-secrets");
        assertThat(Json.texts(secrets.get("before"))).contains("sshd.service", "reinstaller-installer.service");
        String script = secrets.at("/serviceConfig/ExecStart").asText();
        assertThat(script)
                .contains("mount -t tmpfs -o mode=0700")
                .contains("/run/reinstaller-secrets")
                .contains("rm -rf /reinstaller")
                .contains("install -m 0600 \"$key\" /etc/ssh/ssh_host_ed25519_key")
                .contains("reinstaller-installer authorized-keys --output /root/.ssh/authorized_keys");
    }

    @Test
    void ramdiskWatchdogsDoNotDependOnTheJvm() {
        JsonNode config = ramdisk.get("config");
        JsonNode installer = config.at("/systemd/services/reinstaller-installer");
        assertThat(installer.at("/serviceConfig/ExecStart").asText())
                .isEqualTo("/stub/reinstaller-installer/bin/reinstaller-installer run");
        assertThat(Json.texts(installer.at("/unitConfig/OnFailure"))).containsExactly("reinstaller-fallback.service");
        String fallback = config.at("/systemd/services/reinstaller-fallback/serviceConfig/ExecStart")
                .asText();
        assertThat(fallback)
                .contains("if [ -e /run/reinstaller/past-point-of-no-return ]")
                .contains("systemctl reboot");
        String deadline = config.at("/systemd/services/reinstaller-deadline/serviceConfig/ExecStart")
                .asText();
        assertThat(deadline)
                .contains("reinstaller.deadline=")
                .contains("deadline=900")
                .contains("systemctl reboot");
        assertThat(Json.texts(config.at("/boot/kernelModules"))).contains("softdog");
        assertThat(config.at("/systemd/watchdog/runtimeTime").asText()).isEqualTo("60s");
        assertThat(Json.texts(config.at("/boot/kernelParams"))).last().isEqualTo("console=tty0");
    }

    @Test
    void ramdiskShipsTheHostFlakeInputsAndLeavesTheScreenToTheInstallersPrompt() throws Exception {
        JsonNode config = ramdisk.get("config");
        JsonNode file = config.at("/environment/etc/reinstaller~1inputs.json");
        assertThat(file.get("mode").asText()).isEqualTo("0444");
        JsonNode inputs = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(file.get("text").asText());
        assertThat(inputs.at("/nixpkgs/url").asText()).isEqualTo("github:NixOS/nixpkgs/" + "1".repeat(40));
        assertThat(inputs.at("/nixpkgs/storePath").asText()).startsWith("/nix/store/");
        assertThat(ramdisk.at("/options/reinstaller/ramdisk/hostFlakeInputs/described")
                        .asBoolean())
                .isTrue();
        assertThat(config.at("/systemd/services/getty@tty1/enable").asBoolean()).isFalse();
        assertThat(config.at("/systemd/services/autovt@tty1/enable").asBoolean())
                .isFalse();
    }

    private static void collectOptions(String prefix, JsonNode node, List<String> out) {
        if (node.has("type")) {
            assertThat(node.get("described").asBoolean())
                    .as("option %s has a description", prefix)
                    .isTrue();
            out.add(prefix);
            return;
        }
        node.properties()
                .forEach(e ->
                        collectOptions(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out));
    }
}
