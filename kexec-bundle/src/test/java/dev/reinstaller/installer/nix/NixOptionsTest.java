package dev.reinstaller.installer.nix;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Mistakes in what our modules set fail the evaluation with the module system's own error, because
 * the options are NixOS's declarations (tests/nixos-options.nix) evaluated by nixpkgs's real lib: a
 * misspelt option under every prefix the modules set, a value of the wrong type, and two
 * definitions that conflict.
 */
class NixOptionsTest {
    /** The evaluation's error when {@code module} (hostConfig or ramdiskConfig) is {@code { definitions }}. */
    private static String error(String module, String definitions) {
        return NixInstantiate.require()
                .evalError(
                        NixInstantiate.TESTS.resolve("modules.nix"),
                        NixModulesTest.arguments("hetzner-dhcp", Map.of(module, "{ " + definitions + " }")));
    }

    /** One misspelt leaf under each option prefix host.nix or ramdisk.nix sets. */
    @ParameterizedTest
    @CsvSource({
        "hostConfig, networking.hostNmae",
        "hostConfig, networking.firewall.enabel",
        "hostConfig, nixpkgs.hostPlatfrom",
        "hostConfig, system.stateVerison",
        "hostConfig, users.mutableUser",
        "hostConfig, users.users.root.openssh.authorizedKeys.key",
        "hostConfig, services.openssh.enabel",
        "hostConfig, boot.initrd.availableKernelModule",
        "hostConfig, boot.initrd.network.ssh.prot",
        "hostConfig, boot.initrd.systemd.enabel",
        "hostConfig, boot.initrd.systemd.network.networks.x.adress",
        "hostConfig, boot.initrd.systemd.services.x.afer",
        "hostConfig, boot.zfs.devNode",
        "hostConfig, boot.loader.grub.device",
        "hostConfig, boot.loader.efi.efiSysMountpoint",
        "hostConfig, boot.supportedFileSystems",
        "hostConfig, systemd.network.networks.x.matchconfig",
        "hostConfig, fileSystems.x.fstype",
        "hostConfig, environment.etc.x.sorce",
        "hostConfig, nix.registry.x.too",
        "hostConfig, reinstaller.rollbackRoot.enabel",
        "ramdiskConfig, boot.kernelParam",
        "ramdiskConfig, boot.initrd.compresor",
        "ramdiskConfig, boot.initrd.services.lvm.enabel",
        "ramdiskConfig, boot.swraid.enabel",
        "ramdiskConfig, boot.enableContainer",
        "ramdiskConfig, systemd.services.x.serviceconfig",
        "ramdiskConfig, systemd.watchdog.runtimetime",
        "ramdiskConfig, services.getty.autologinuser",
        "ramdiskConfig, services.lvm.enabel",
        "ramdiskConfig, services.udisks2.enabel",
        "ramdiskConfig, networking.dhcpcd.enabel",
        "ramdiskConfig, networking.networkmanager.enabel",
        "ramdiskConfig, networking.resolvconf.enabel",
        "ramdiskConfig, hardware.enableRedistributableFirmwar",
        "ramdiskConfig, environment.systemPackage",
        "ramdiskConfig, programs.command-not-found.enabel",
        "ramdiskConfig, security.sudo.enabel",
        "ramdiskConfig, nix.setting",
        "ramdiskConfig, netboot.storeContent",
        "ramdiskConfig, reinstaller.ramdisk.graceSecond",
    })
    void aMisspeltOptionFails(String module, String option) {
        assertThat(error(module, option + " = true;")).contains("The option `" + option + "' does not exist.");
    }

    @Test
    void aPortGivenAsAStringFails() {
        String stderr = error("hostConfig", "boot.initrd.network.ssh.port = \"2222\";");
        assertThat(stderr)
                .contains(
                        "A definition for option `boot.initrd.network.ssh.port' is not of type `16 bit unsigned integer");
    }

    @Test
    void aListWhereNixosWantsAnAttributeSetFails() {
        String stderr = error("hostConfig", "systemd.network.networks = [ ];");
        assertThat(stderr)
                .contains("A definition for option `systemd.network.networks' is not of type `attribute set of");
    }

    @Test
    void aRouteKeyNetworkdDoesNotKnowFails() {
        String stderr = error(
                "hostConfig",
                "systemd.network.networks.\"10-960002\".routes = [ { Gateway = \"x\"; Gatway = \"y\"; } ];");
        assertThat(stderr)
                .contains("Systemd Route has extra fields [Gatway]")
                .contains("is not of type `attribute set of (systemd option)'");
    }

    @Test
    void aDefinitionThatConflictsWithOursFails() {
        String stderr = error("hostConfig", "services.openssh.enable = false;");
        assertThat(stderr).contains("The option `services.openssh.enable' has conflicting definition values");
    }

    @Test
    void aUnitOptionThatConflictsWithOursFails() {
        String stderr = error(
                "hostConfig", "boot.initrd.systemd.services.zfs-import-rpool.serviceConfig.TimeoutStartSec = \"90s\";");
        assertThat(stderr)
                .contains(
                        "The option `boot.initrd.systemd.services.zfs-import-rpool.serviceConfig.TimeoutStartSec' has conflicting definition values");
    }
}
