# nixosModules.ramdisk: the installer ramdisk the agent kexecs into.
#
# Shape: netboot-style. The kernel boots a small systemd stage 1 whose initrd also carries the
# whole system closure as one zstd squashfs; stage 1 mounts it under a tmpfs overlay at /nix/store
# and switches into a normal NixOS stage 2. Chosen over "stay in stage 1" (a systemd initrd that
# never switches root) because the installer needs what a real system has and an initrd does not:
# a writable /nix/store with a Nix database for `nixos-install` (closures are built or copied into
# the pool, but Nix itself runs here), udev, ordinary systemd units ordered around sshd, and
# NixOS's own sshd and ZFS modules unchanged. The price is the squashfs in RAM (it stays
# compressed, so it costs its compressed size) and about a second of boot time.
#
# Secrets: the agent appends a cpio whose files sit under /reinstaller/ in the initramfs. The
# stage-1 unit reinstaller-carry moves them onto the new root (a tmpfs, so RAM only) before the
# switch, and reinstaller-secrets moves them into /run/reinstaller-secrets (tmpfs, 0700) as the
# first thing stage 2 does, then installs the pre-generated SSH host key and root's authorized
# keys, before sshd starts.
#
# No network manager: networking.useDHCP is off, there is no dhcpcd, NetworkManager or networkd;
# the installer configures every NIC by MAC with `ip` from runtime info.
#
# Watchdogs that do not depend on the JVM: PID 1 feeds softdog (a hung kernel or systemd resets
# the machine); reinstaller-deadline reboots into the untouched old system when the point of no
# return has not been passed in time (reinstaller.deadline=, default 900 s); and when the installer
# exits with an error before that point, reinstaller-fallback reboots after a grace period that
# keeps the error readable on the console. Past the point of no return nothing reboots by itself:
# the installer writes /run/reinstaller/past-point-of-no-return and keeps its API up on errors.
{
  config,
  lib,
  pkgs,
  modulesPath,
  ...
}:
let
  cfg = config.reinstaller.ramdisk;
  secrets = "/run/reinstaller-secrets";
  state = "/run/reinstaller";
  disarmed = "${state}/past-point-of-no-return";

  # Reads reinstaller.deadline= from the kernel command line; bounds as in BootParameters.
  deadlineScript = pkgs.writeShellScript "reinstaller-deadline" ''
    set -u
    deadline=900
    for arg in $(</proc/cmdline); do
      case "$arg" in
        reinstaller.deadline=*) value="''${arg#reinstaller.deadline=}" ;;
      esac
    done
    if [[ "''${value:-}" =~ ^[0-9]{1,6}$ ]] && ((value >= 10 && value <= 86400)); then
      deadline=$value
    fi
    # A backstop: the installer's own deadline counts from its start and shows the reason for the
    # grace period before it reboots; this one acts only when the JVM cannot.
    deadline=$((deadline + ${toString cfg.graceSeconds} + 60))
    echo "reinstaller: reboot into the old system in $deadline s unless the install is confirmed"
    while ((SECONDS < deadline)); do
      [ -e ${disarmed} ] && exit 0
      sleep 5
    done
    [ -e ${disarmed} ] && exit 0
    echo "reinstaller: not confirmed within $deadline s; nothing was written; rebooting" >/dev/console
    systemctl reboot
  '';

  fallbackScript = pkgs.writeShellScript "reinstaller-fallback" ''
    set -u
    if [ -e ${disarmed} ]; then
      echo "reinstaller: the installer stopped past the point of no return; not rebooting" >/dev/console
      exit 0
    fi
    echo "reinstaller: the installer failed before writing anything; rebooting in ${toString cfg.graceSeconds} s" >/dev/console
    sleep ${toString cfg.graceSeconds}
    systemctl reboot
  '';

  secretsScript = pkgs.writeShellScript "reinstaller-secrets" ''
    set -euo pipefail
    umask 077
    mkdir -p ${secrets} ${state}
    chmod 0700 ${secrets} ${state}
    if ! mountpoint -q ${secrets}; then
      mount -t tmpfs -o mode=0700,size=16m,nosuid,nodev,noexec tmpfs ${secrets}
    fi
    if [ -d /reinstaller ]; then
      cp -a /reinstaller/. ${secrets}/
      rm -rf /reinstaller
    fi
    chmod -R go-rwx ${secrets}
    key=${secrets}/ssh_host_ed25519_key
    if [ -f "$key" ]; then
      install -m 0600 "$key" /etc/ssh/ssh_host_ed25519_key
      ssh-keygen -y -f /etc/ssh/ssh_host_ed25519_key >/etc/ssh/ssh_host_ed25519_key.pub
    fi
    # Root's keys come from runtime info, wherever it travelled (kernel parameter or cpio).
    install -d -m 0700 /root/.ssh
    reinstaller-installer authorized-keys --output /root/.ssh/authorized_keys
    chmod 0600 /root/.ssh/authorized_keys
  '';

  tools = [
    cfg.installerPackage
    config.boot.zfs.package
    pkgs.nixos-install-tools
    config.nix.package
    pkgs.iproute2
    pkgs.gptfdisk
    pkgs.dosfstools
    pkgs.util-linux
    pkgs.openssh
    pkgs.kmod
    pkgs.coreutils
  ];
in
{
  imports = [
    (modulesPath + "/installer/netboot/netboot.nix")
    (modulesPath + "/profiles/minimal.nix")
  ];

  options.reinstaller.ramdisk = {
    installerPackage = lib.mkOption {
      type = lib.types.package;
      description = ''
        The installer service: a package with bin/reinstaller-installer (the installer jar on its
        own jlinked Java runtime).
      '';
    };

    workingSetBytes = lib.mkOption {
      type = lib.types.ints.positive;
      default = 1024 * 1024 * 1024;
      description = ''
        Memory the install needs on top of the unpacked initrd, written to manifest.json for the
        agent's RAM check: the JVM (about 200 MB), Nix evaluating the host flake (the larger part;
        a prebuilt closure needs much less) and the tmpfs upper layer of /nix/store.
      '';
    };

    hostFlakeInputs = lib.mkOption {
      type = lib.types.attrsOf (
        lib.types.submodule {
          options = {
            url = lib.mkOption {
              type = lib.types.str;
              description = "Fetchable flake URL, pinned to the revision (github: or https tarball; path: as a fallback).";
            };
            narHash = lib.mkOption {
              type = lib.types.str;
              description = "SRI hash of the source tree, as a flake lock file records it.";
            };
            rev = lib.mkOption {
              type = lib.types.nullOr lib.types.str;
              default = null;
              description = "Commit of the source, where it has one.";
            };
            lastModified = lib.mkOption {
              type = lib.types.nullOr lib.types.int;
              default = null;
              description = "Commit time (seconds since the epoch), as a flake lock file records it.";
            };
            storePath = lib.mkOption {
              type = lib.types.str;
              description = "The source in this ramdisk's store; writing it into the file keeps it in the image.";
            };
          };
        }
      );
      default = { };
      description = ''
        Inputs of the host flake the installer writes (`reinstaller`: this bundle's own source,
        `nixpkgs`: its nixpkgs), written to /etc/reinstaller/inputs.json as
        `{ "<input>": { url, narHash, rev, lastModified, storePath } }`. The installer locks them in
        the host's flake.lock; since both sources are in this image's store, nixos-install fetches
        neither.
      '';
    };

    graceSeconds = lib.mkOption {
      type = lib.types.ints.between 0 3600;
      default = 60;
      description = "How long a failure before the point of no return stays on the console before the reboot.";
    };
  };

  config = {
    system.stateVersion = "26.11";
    networking.hostName = "reinstaller";
    # The installer replaces /etc/hostid with the target's host id before it creates the pool.
    networking.hostId = "00000000";

    boot.supportedFilesystems.zfs = true;
    boot.zfs.forceImportAll = false;
    boot.initrd.systemd.enable = true;
    boot.initrd.compressor = "zstd";
    boot.initrd.compressorArgs = [
      "-19"
      "-T0"
    ];
    # The system closure: zstd, like the initrd (xz is smaller but far slower to read back).
    system.build.squashfsStore = lib.mkForce (
      pkgs.callPackage (modulesPath + "/../lib/make-squashfs.nix") {
        storeContents = config.netboot.storeContents;
        comp = "zstd -Xcompression-level 19";
      }
    );
    # The last console is /dev/console, where units print: the screen (the provider's web console).
    # Kernel messages, and so /dev/kmsg, reach the serial port too.
    boot.kernelParams =
      lib.optional pkgs.stdenv.hostPlatform.isx86_64 "console=ttyS0,115200"
      ++ lib.optional pkgs.stdenv.hostPlatform.isAarch64 "console=ttyAMA0,115200"
      ++ [ "console=tty0" ];

    # Stage 1: carry the appended cpio's /reinstaller/ onto the new root before the switch. The
    # initramfs is freed at the switch, so nothing stays behind.
    boot.initrd.systemd.services.reinstaller-carry = {
      description = "Carry reinstaller's boot files into the new root";
      wantedBy = [ "initrd.target" ];
      after = [ "initrd-fs.target" ];
      before = [ "initrd-cleanup.service" ];
      unitConfig.DefaultDependencies = false;
      unitConfig.ConditionPathIsDirectory = "/reinstaller";
      serviceConfig.Type = "oneshot";
      script = ''
        mkdir -m 0700 -p /sysroot/reinstaller
        cp -a /reinstaller/. /sysroot/reinstaller/
        rm -rf /reinstaller
      '';
    };

    environment.etc."reinstaller/inputs.json" = lib.mkIf (cfg.hostFlakeInputs != { }) {
      text = builtins.toJSON cfg.hostFlakeInputs;
      mode = "0444";
    };

    # The installer prompts for the disk key and the confirmation on /dev/console (the screen), so
    # no getty reads that terminal; the serial console keeps its getty.
    systemd.services."getty@tty1".enable = false;
    systemd.services."autovt@tty1".enable = false;

    # No root password, no console autologin, no emergency shell: SSH with the recorded keys only.
    users.mutableUsers = false;
    users.users.root.hashedPassword = "!";
    services.getty.autologinUser = lib.mkForce null;
    boot.initrd.systemd.emergencyAccess = false;

    services.openssh = {
      enable = true;
      settings = {
        PermitRootLogin = "prohibit-password";
        PasswordAuthentication = false;
        KbdInteractiveAuthentication = false;
      };
      # The agent's pre-generated key, pinned by the operator; generated here only when none came
      # (a manual boot from the GRUB console).
      hostKeys = [
        {
          path = "/etc/ssh/ssh_host_ed25519_key";
          type = "ed25519";
        }
      ];
    };

    networking.useDHCP = false;
    networking.dhcpcd.enable = false;
    networking.networkmanager.enable = false;
    networking.useNetworkd = false;
    systemd.network.enable = false;
    # The installer writes /etc/resolv.conf itself from runtime info.
    networking.resolvconf.enable = false;
    # Only sshd listens on a public address; no packet filter keeps iptables out of the image.
    networking.firewall.enable = false;

    # Size: cloud machines need no firmware blobs; documentation and fonts are off (minimal).
    hardware.enableRedistributableFirmware = false;
    hardware.firmware = lib.mkForce [ ];
    environment.defaultPackages = [ ];
    environment.systemPackages = tools;
    programs.command-not-found.enable = false;
    security.sudo.enable = false;
    services.udisks2.enable = false;
    # Nothing on the disk may be imported or activated before confirm: no LVM event activation (NixOS
    # enables lvm2 and its udev rules by default), no md assembly, in the ramdisk and its initrd.
    services.lvm.enable = lib.mkForce false;
    boot.initrd.services.lvm.enable = lib.mkForce false;
    boot.swraid.enable = lib.mkForce false;
    boot.enableContainers = false;

    nix.settings.experimental-features = [
      "nix-command"
      "flakes"
    ];

    boot.kernelModules = [ "softdog" ];
    systemd.watchdog.runtimeTime = "60s";

    systemd.services.reinstaller-secrets = {
      description = "Move reinstaller's secrets into a root-only tmpfs";
      wantedBy = [ "multi-user.target" ];
      before = [
        "sshd.service"
        "reinstaller-installer.service"
      ];
      # sshd starts even when this fails (with a key of its own): the operator then sees a host key
      # that does not match the pinned one, which is the right warning.
      requiredBy = [ "reinstaller-installer.service" ];
      after = [ "local-fs.target" ];
      path = tools;
      serviceConfig = {
        Type = "oneshot";
        RemainAfterExit = true;
        ExecStart = secretsScript;
      };
    };

    systemd.services.reinstaller-deadline = {
      description = "Reboot into the old system unless the install is confirmed in time";
      wantedBy = [ "multi-user.target" ];
      after = [ "local-fs.target" ];
      unitConfig.DefaultDependencies = false;
      serviceConfig = {
        Type = "simple";
        ExecStart = deadlineScript;
      };
    };

    systemd.services.reinstaller-fallback = {
      description = "Reboot after a failure before the point of no return";
      serviceConfig = {
        Type = "oneshot";
        ExecStart = fallbackScript;
      };
    };

    systemd.services.reinstaller-installer = {
      description = "reinstaller installer service";
      wantedBy = [ "multi-user.target" ];
      after = [
        "reinstaller-secrets.service"
        "systemd-udev-settle.service"
        "sshd.service"
      ];
      wants = [ "systemd-udev-settle.service" ];
      path = tools;
      environment = {
        REINSTALLER_SECRETS = secrets;
        REINSTALLER_STATE = state;
      };
      unitConfig.OnFailure = [ "reinstaller-fallback.service" ];
      serviceConfig = {
        Type = "simple";
        ExecStart = "${cfg.installerPackage}/bin/reinstaller-installer run";
        Restart = "no";
        StandardOutput = "journal+console";
        StandardError = "journal+console";
      };
    };
  };
}
