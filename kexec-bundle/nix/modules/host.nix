# nixosModules.host: the installed system that reinstaller's installer writes a flake for.
#
# Everything host-specific comes from `reinstaller.runtimeInfo` (the runtime-info.json the agent
# gathered on the old host) through the pure functions in ../lib. Values are set with mkDefault
# where a user may reasonably want another one, so a host flake overrides them in its own modules.
#
# What it sets up: ZFS root on the encrypted pool `rpool` (datasets with legacy mountpoints), GRUB
# for BIOS and EFI (removable) on the hybrid GPT layout, networkd by MAC with the recorded
# addresses and routes, SSH host keys kept in /persist, root's authorized keys, and SSH unlock of
# the pool in the initrd on port 2222 with the same static network (IPv4 and IPv6). The host flake
# the installer wrote lives in /persist/etc/nixos (/etc/nixos links there; registry entry
# `installed`); reinstaller.rollbackRoot.enable erases / at every boot.
{
  config,
  lib,
  pkgs,
  ...
}:
let
  cfg = config.reinstaller;
  settings = (import ../lib).settingsFor cfg.runtimeInfo;
  pool = (import ../lib).storage.pool;
  unlock = cfg.initrdUnlock;
  persist = cfg.persistPath;
  hostFlake = "${persist}/etc/nixos";

  zfs = "${config.boot.zfs.package}/sbin/zfs";
  systemdPackage = config.boot.initrd.systemd.package;
  askId = "reinstaller:${pool}";

  # Forced command of the initrd's sshd: one line on stdin is the passphrase. It loads the pool's
  # key, then withdraws the console prompt so the boot continues. Nothing is echoed or logged.
  unlockCommand = pkgs.writeShellScript "reinstaller-unlock" ''
    set -u
    waited=0
    until ${zfs} list -H -o name ${pool} >/dev/null 2>&1; do
      if [ "$waited" -ge 60 ]; then
        echo "pool ${pool} is still not imported after 60 s; see the console" >&2
        exit 3
      fi
      sleep 1
      waited=$((waited + 1))
    done
    if [ "$(${zfs} get -H -o value keystatus ${pool})" = available ]; then
      echo "${pool} is already unlocked; boot continues"
      exit 0
    fi
    IFS= read -r passphrase || { echo "no passphrase on stdin" >&2; exit 2; }
    if ! printf '%s' "$passphrase" | ${zfs} load-key ${pool}; then
      echo "zfs load-key ${pool} failed: wrong passphrase?" >&2
      exit 1
    fi
    unset passphrase
    for ask in /run/systemd/ask-password/ask.*; do
      [ -e "$ask" ] || continue
      ours=false socket=""
      while IFS= read -r line; do
        case "$line" in
          "Id=${askId}") ours=true ;;
          Socket=*) socket="''${line#Socket=}" ;;
        esac
      done <"$ask"
      if [ "$ours" = true ] && [ -n "$socket" ]; then
        ${systemdPackage}/lib/systemd/systemd-reply-password 0 "$socket" </dev/null || true
      fi
    done
    echo "${pool} unlocked; boot continues"
  '';

  # Runs after the pool's import, before anything on it is mounted: waits until the key is loaded,
  # from the console prompt or by the SSH forced command above (which withdraws the prompt). No
  # retry limit, so a mistyped passphrase never drops a remote server into emergency mode, and no
  # deadline on purpose: a server waits for its passphrase as long as it takes.
  waitForKey = pkgs.writeShellScript "reinstaller-wait-for-key" ''
    set -u
    until [ "$(${zfs} get -H -o value keystatus ${pool})" = available ]; do
      if passphrase="$(${systemdPackage}/bin/systemd-ask-password --timeout=0 --id=${askId} \
        "Passphrase for ${pool} (or: ssh -p ${toString unlock.port} root@<host> < passphrase):")"; then
        printf '%s' "$passphrase" | ${zfs} load-key ${pool} || echo "wrong passphrase for ${pool}"
        unset passphrase
      fi
    done
  '';

  # Stage 1, once the pool's datasets are mounted under /sysroot: the state that lives in /persist
  # from the first boot. nixos-install wrote machine-id and /var/lib/nixos (uid and gid maps) on
  # the root dataset; they are copied over once, then /persist's copies are the ones in use.
  persistState = pkgs.writeShellScript "reinstaller-persist-state" ''
    set -u
    state=/sysroot${persist}
    mkdir -p "$state/etc" "$state/var/lib/nixos"
    if [ ! -s "$state/etc/machine-id" ]; then
      if [ -f /sysroot/etc/machine-id ] && [ ! -L /sysroot/etc/machine-id ] && [ -s /sysroot/etc/machine-id ]; then
        cp /sysroot/etc/machine-id "$state/etc/machine-id"
      else
        ${systemdPackage}/bin/systemd-id128 new >"$state/etc/machine-id"
      fi
    fi
    if [ -z "$(ls -A "$state/var/lib/nixos")" ] && [ -d /sysroot/var/lib/nixos ]; then
      cp -a /sysroot/var/lib/nixos/. "$state/var/lib/nixos/"
    fi
  '';

  # Stage 1, after the pool's import (which waits for its key), before / is mounted.
  rollbackRoot = pkgs.writeShellScript "reinstaller-rollback-root" ''
    set -u
    check=/run/reinstaller-persist
    mkdir -p "$check"
    if ! mount -t zfs -o ro ${pool}/safe/persist "$check"; then
      echo "reinstaller: not rolling ${pool}/local/root back: cannot mount ${pool}/safe/persist to check it"
      exit 0
    fi
    if [ -f "$check/etc/nixos/flake.nix" ]; then
      has_flake=yes
    else
      has_flake=no
    fi
    umount "$check"
    if [ "$has_flake" != yes ]; then
      echo "reinstaller: not rolling ${pool}/local/root back: ${hostFlake}/flake.nix is missing, and / would lose the only copy of this host's configuration"
      exit 0
    fi
    if ! ${zfs} list -H -t snapshot ${pool}/local/root@blank >/dev/null 2>&1; then
      echo "reinstaller: not rolling ${pool}/local/root back: it has no @blank snapshot"
      exit 0
    fi
    ${zfs} rollback -r ${pool}/local/root@blank
    echo "reinstaller: ${pool}/local/root rolled back to @blank"
  '';
in
{
  options.reinstaller = {
    runtimeInfo = lib.mkOption {
      type = lib.types.attrsOf lib.types.anything;
      example = lib.literalExpression "builtins.fromJSON (builtins.readFile ./runtime-info.json)";
      description = ''
        Runtime info of this host (schema version 1), as the reinstaller agent gathered it on the
        old system: host name and id, architecture, target disk, NICs by MAC with their addresses
        and routes, name servers and root's SSH keys. It holds no secret.
      '';
    };

    network.enable = lib.mkOption {
      type = lib.types.bool;
      default = true;
      description = ''
        Configure every recorded NIC with systemd-networkd, matched by MAC: IPv4 by DHCP where the
        old host used DHCP, static addresses otherwise, the recorded routes with on-link gateways,
        and the name servers.
      '';
    };

    storage.enable = lib.mkOption {
      type = lib.types.bool;
      default = true;
      description = ''
        Mount the installer's ZFS layout (rpool/local/root at /, rpool/local/nix at /nix,
        rpool/safe/home at /home, rpool/safe/persist at /persist, the ESP at /boot) and boot it
        with GRUB for BIOS and EFI. Turn it off only for a different disk layout.
      '';
    };

    persistPath = lib.mkOption {
      type = lib.types.str;
      default = "/persist";
      description = "Where state that must survive a rollback of / lives, such as SSH host keys.";
    };

    initrdUnlock = {
      enable = lib.mkOption {
        type = lib.types.bool;
        default = true;
        description = ''
          Ask for the pool's passphrase at boot on the console and over SSH in the initrd. The
          initrd gets the host's static addresses and routes (IPv4 and IPv6), and its sshd runs a
          forced command that reads the passphrase from stdin:
          `ssh -p 2222 root@host < passphrase-file`.
        '';
      };

      port = lib.mkOption {
        type = lib.types.port;
        default = 2222;
        description = "Port of the initrd's sshd; differs from 22 so clients keep two host keys apart.";
      };

      hostKey = lib.mkOption {
        type = lib.types.str;
        default = "${cfg.persistPath}/etc/ssh/initrd_ssh_host_ed25519_key";
        defaultText = lib.literalExpression ''"''${config.reinstaller.persistPath}/etc/ssh/initrd_ssh_host_ed25519_key"'';
        description = ''
          Host key of the initrd's sshd. The installer generates it and reports its fingerprint;
          it is copied into the initrd when the boot loader is installed.
        '';
      };
    };

    rollbackRoot.enable = lib.mkOption {
      type = lib.types.bool;
      default = false;
      description = ''
        Roll `rpool/local/root` back to its empty snapshot `@blank` (which the installer takes) at
        every boot, in the initrd, before / is mounted: / starts empty and only what is declared or
        kept under `persistPath` survives a reboot. The SSH host keys, machine-id, the host flake
        and /var/lib/nixos are there from the first boot whether this is on or not; anything else
        that must survive has to be moved there first (see nix/README.md). The rollback is refused,
        with the reason on the console, while `persistPath`/etc/nixos/flake.nix is missing.
      '';
    };

    stateVersion = lib.mkOption {
      type = lib.types.str;
      default = "26.11";
      description = ''
        system.stateVersion of installed hosts: the NixOS release this module was written
        against. It stays with the host when nixpkgs is updated later.
      '';
    };
  };

  config = lib.mkMerge [
    {
      networking.hostName = lib.mkDefault settings.networking.hostName;
      networking.hostId = lib.mkDefault settings.networking.hostId;
      nixpkgs.hostPlatform = lib.mkDefault settings.nixpkgs.hostPlatform;
      system.stateVersion = lib.mkDefault cfg.stateVersion;

      boot.initrd.availableKernelModules = settings.boot.initrd.availableKernelModules;

      users.mutableUsers = lib.mkDefault false;
      users.users.root.openssh.authorizedKeys.keys = settings.users.users.root.openssh.authorizedKeys.keys;

      services.openssh = {
        enable = true;
        settings = {
          PermitRootLogin = lib.mkDefault "prohibit-password";
          PasswordAuthentication = lib.mkDefault false;
          KbdInteractiveAuthentication = lib.mkDefault false;
        };
        # Generated by the installer; their fingerprints were pinned by the operator.
        hostKeys = [
          {
            path = "${cfg.persistPath}/etc/ssh/ssh_host_ed25519_key";
            type = "ed25519";
          }
        ];
      };
    }

    # The host flake the installer wrote, in /persist: `nixos-rebuild switch` rebuilds from
    # /etc/nixos, and `nix build installed#...` finds it in the registry.
    {
      environment.etc."nixos".source = hostFlake;
      nix.registry.installed.to = {
        type = "path";
        path = hostFlake;
      };
    }

    (lib.mkIf cfg.network.enable {
      networking.useDHCP = false;
      networking.useNetworkd = true;
      systemd.network.enable = true;
      systemd.network.networks = settings.systemd.network.networks;
    })

    (lib.mkIf cfg.storage.enable {
      boot.supportedFilesystems.zfs = true;
      boot.zfs.devNodes = lib.mkDefault settings.boot.zfs.devNodes;
      boot.zfs.forceImportRoot = lib.mkDefault false;
      fileSystems = settings.fileSystems // {
        "/var/lib/nixos" = {
          device = "${persist}/var/lib/nixos";
          fsType = "none";
          options = [ "bind" ];
          neededForBoot = true;
        };
      };
      boot.loader.grub = {
        enable = true;
        inherit (settings.boot.loader.grub) efiSupport efiInstallAsRemovable devices;
        configurationLimit = lib.mkDefault 20;
      };
      boot.loader.efi = {
        canTouchEfiVariables = false;
        efiSysMountPoint = settings.boot.loader.efi.efiSysMountPoint;
      };

      # machine-id and /var/lib/nixos live in /persist (see persistState).
      environment.etc."machine-id".source = "${persist}/etc/machine-id";
      boot.initrd.systemd = {
        enable = true;
        services.reinstaller-persist-state = {
          description = "Keep machine-id and /var/lib/nixos in ${persist}";
          wantedBy = [ "initrd.target" ];
          after = [
            "sysroot.mount"
            "sysroot-persist.mount"
          ];
          before = [
            "sysroot-var-lib-nixos.mount"
            "initrd-fs.target"
          ];
          unitConfig.DefaultDependencies = false;
          serviceConfig = {
            Type = "oneshot";
            ExecStart = persistState;
          };
        };
        storePaths = [
          persistState
          pkgs.runtimeShell
          "${systemdPackage}/bin/systemd-id128"
        ];
      };
    })

    (lib.mkIf (cfg.storage.enable && cfg.rollbackRoot.enable) {
      boot.initrd.systemd = {
        services.reinstaller-rollback-root = {
          description = "Roll ${pool}/local/root back to @blank";
          wantedBy = [ "initrd.target" ];
          after = [ "zfs-import-${pool}.service" ];
          requires = [ "zfs-import-${pool}.service" ];
          before = [ "sysroot.mount" ];
          unitConfig.DefaultDependencies = false;
          serviceConfig = {
            Type = "oneshot";
            ExecStart = rollbackRoot;
            StandardOutput = "journal+console";
          };
        };
        storePaths = [
          rollbackRoot
          zfs
        ];
      };
    })

    (lib.mkIf (cfg.storage.enable && unlock.enable) {
      boot.initrd.systemd = {
        enable = true;
        network = {
          enable = true;
          networks = settings.boot.initrd.systemd.network.networks;
        };
        # The import service imports without loading keys (requestEncryptionCredentials is off);
        # waitForKey loads the key before the service counts as started, so every mount of the
        # pool (/, /nix, /persist in the initrd) waits for it.
        services."zfs-import-${pool}".serviceConfig = {
          ExecStartPost = [ waitForKey ];
          TimeoutStartSec = "infinity";
        };
        storePaths = [
          unlockCommand
          waitForKey
          pkgs.runtimeShell
          zfs
          "${systemdPackage}/bin/systemd-ask-password"
          "${systemdPackage}/lib/systemd/systemd-reply-password"
        ];
      };
      boot.zfs.requestEncryptionCredentials = false;
      boot.initrd.network = {
        enable = true;
        ssh = {
          enable = true;
          inherit (unlock) port;
          hostKeys = [ unlock.hostKey ];
          authorizedKeys = settings.boot.initrd.network.ssh.authorizedKeys;
          extraConfig = ''
            ForceCommand ${unlockCommand}
            AllowTcpForwarding no
            AllowAgentForwarding no
            PermitTTY no
            X11Forwarding no
          '';
        };
      };
    })
  ];
}
