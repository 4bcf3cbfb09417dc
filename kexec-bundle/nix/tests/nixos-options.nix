# NixOS's own declarations of every NixOS option that nix/modules/host.nix, nix/modules/ramdisk.nix
# and the host flake set or read, for evaluating them with nixpkgs's real lib.evalModules where the
# full nixpkgs tree is not available (test-only; see nix/OPTIONS.md).
#
# Each group names the nixpkgs file that declares it and, where a stored copy of that file was read
# and compared, the commit read and what its text says of its age. None of those commits is shown to
# be on the 26.11 line (the release the flake pins): no copy of lib/.version at any of them was
# available, so each group's comment says which line its text points to; see nix/OPTIONS.md for the
# state per file. A submodule carries the sub-options we use (the rest of nixpkgs's are left out,
# which makes it stricter, never looser). `unitOption` and the section checks follow
# nixos/lib/systemd-lib.nix; the checks admit only the section keys listed here, a subset of
# nixpkgs's lists.
#
# Not a stand-in for NixOS's config: no option here sets another, except where nixpkgs derives a
# default (initrd SSH keys from root's keys, environment.etc's source from its text).
{
  config,
  lib,
  pkgs,
  options,
  ...
}:
let
  inherit (lib) mkOption types;

  # nixos/lib/systemd-lib.nix: unitOption, checkUnitConfig, assertOnlyFields, assertValueOneOf.
  unitOption = lib.mkOptionType {
    name = "systemd option";
    description = "systemd option";
    merge =
      loc: defs:
      let
        defs' = lib.filterOverrides defs;
      in
      if lib.any (def: lib.isList def.value) defs' then
        lib.concatMap (def: lib.toList def.value) defs'
      else
        lib.mergeEqualOption loc defs';
  };
  checkUnitConfig =
    group: checks: attrs:
    let
      defs = lib.mapAttrs (
        _: v: if v._type or "" == "override" || v._type or "" == "if" then v.content else v
      ) attrs;
      errors = lib.concatMap (c: c group defs) checks;
    in
    if errors == [ ] then true else builtins.trace (lib.concatStringsSep "\n" errors) false;
  assertOnlyFields =
    fields: group: attrs:
    let
      badFields = lib.filter (name: !lib.elem name fields) (lib.attrNames attrs);
    in
    lib.optional (badFields != [ ]) "Systemd ${group} has extra fields [${lib.concatStringsSep " " badFields}].";
  assertValueOneOf =
    name: values: group: attr:
    lib.optional (
      attr ? ${name} && !lib.elem attr.${name} values
    ) "Systemd ${group} field `${name}' cannot have value `${toString attr.${name}}'.";
  section = group: checks: types.addCheck (types.attrsOf unitOption) (checkUnitConfig group checks);

  # nixos/lib/systemd-types.nix: unit names as wantedBy, after, ... take them.
  unitNameType = types.strMatching "[a-zA-Z0-9@%:_.\\-]+[.](service|socket|device|mount|automount|swap|target|path|timer|scope|slice)";
  unitList = mkOption {
    type = types.listOf unitNameType;
    default = [ ];
  };

  # nixos/lib/systemd-unit-options.nix: the unit and service options we use.
  serviceOptions = stage2: {
    options = {
      enable = flag true;
      description = mkOption {
        type = types.singleLineStr;
        default = "";
      };
      wantedBy = unitList;
      requiredBy = unitList;
      wants = unitList;
      requires = unitList;
      after = unitList;
      before = unitList;
      unitConfig = mkOption {
        type = types.attrsOf unitOption;
        default = { };
      };
      serviceConfig = mkOption {
        type = section "Service" [
          (assertValueOneOf "Type" [
            "exec"
            "simple"
            "forking"
            "oneshot"
            "dbus"
            "notify"
            "notify-reload"
            "idle"
          ])
          (assertValueOneOf "Restart" [
            "no"
            "on-success"
            "on-failure"
            "on-abnormal"
            "on-abort"
            "always"
          ])
        ];
        default = { };
      };
      script = mkOption {
        type = types.lines;
        default = "";
      };
      environment = mkOption {
        type =
          with types;
          attrsOf (
            nullOr (oneOf [
              str
              path
              package
            ])
          );
        default = { };
      };
    }
    // lib.optionalAttrs stage2 {
      path = mkOption {
        type =
          with types;
          listOf (oneOf [
            package
            str
          ]);
        default = [ ];
      };
    };
  };

  # nixos/modules/system/boot/networkd.nix: networkOptions, as far as lib/network.nix fills them.
  networkOptions = {
    options = {
      enable = flag true;
      matchConfig = mkOption {
        type = section "Match" [
          (assertOnlyFields [
            "MACAddress"
            "PermanentMACAddress"
            "Type"
            "Name"
            "Driver"
            "Path"
          ])
        ];
        default = { };
      };
      networkConfig = mkOption {
        type = section "Network" [
          (assertOnlyFields [
            "Description"
            "DHCP"
            "Address"
            "Gateway"
            "DNS"
            "Domains"
            "IPv6AcceptRA"
            "LinkLocalAddressing"
            "IPv4Forwarding"
            "IPv6Forwarding"
          ])
          (assertValueOneOf "IPv6AcceptRA" [
            true
            false
            "yes"
            "no"
          ])
        ];
        default = { };
      };
      address = mkOption {
        type = types.listOf types.str;
        default = [ ];
      };
      DHCP = mkOption {
        type = types.nullOr types.str;
        default = null;
      };
      dns = mkOption {
        type = types.listOf types.str;
        default = [ ];
      };
      routes = mkOption {
        type = types.listOf (
          section "Route" [
            (assertOnlyFields [
              "Gateway"
              "GatewayOnLink"
              "Destination"
              "Source"
              "Metric"
              "Scope"
              "PreferredSource"
              "Table"
            ])
            (assertValueOneOf "Scope" [
              "global"
              "site"
              "link"
              "host"
              "nowhere"
            ])
          ]
        );
        default = [ ];
      };
    };
  };

  # nixos/modules/tasks/filesystems.nix: coreFileSystemOpts and fileSystemOpts.
  fileSystemOptions =
    { name, ... }:
    {
      options = {
        mountPoint = mkOption {
          type = types.addCheck types.str (s: builtins.match ".+/" s == null);
          default = name;
        };
        device = mkOption {
          type = types.nullOr types.nonEmptyStr;
          default = null;
        };
        fsType = mkOption {
          type = types.nonEmptyStr;
          default = "auto";
        };
        options = mkOption {
          type = types.nonEmptyListOf types.nonEmptyStr;
          default = [ "defaults" ];
        };
        neededForBoot = flag false;
        noCheck = flag false;
      };
    };

  # nixos/modules/system/etc/etc.nix: one /etc entry.
  etcOptions =
    { name, config, options, ... }:
    {
      options = {
        enable = flag true;
        target = mkOption {
          type = types.str;
          default = name;
        };
        text = mkOption {
          type = types.nullOr types.lines;
          default = null;
        };
        source = mkOption { type = types.path; };
        mode = mkOption {
          type = types.str;
          default = "symlink";
        };
      };
      config.source = lib.mkIf (config.text != null) (
        lib.mkDerivedConfig options.text (pkgs.writeText (baseNameOf name))
      );
    };

  # nixos/modules/config/nix-flakes.nix (read at f0b56485d98b8b2d14e518f108b91332f52dcfff, a version after
  # nixpkgs's nixfmt reformatting, so 24.11 or later; its release line is not recorded): one registry entry.
  registryOptions =
    { name, config, ... }:
    {
      options = {
        from = mkOption {
          type = with types; attrsOf (oneOf [ str int bool path package ]);
        };
        to = mkOption {
          type = with types; attrsOf (oneOf [ str int bool path package ]);
        };
        flake = mkOption {
          type = types.nullOr types.attrs;
          default = null;
        };
        exact = flag true;
      };
      config = {
        from = lib.mkDefault {
          type = "indirect";
          id = name;
        };
        to = lib.mkIf (config.flake != null) (
          lib.mkDefault (
            {
              type = "path";
              path = config.flake.outPath;
            }
            // lib.filterAttrs (n: _: n == "lastModified" || n == "rev" || n == "narHash") config.flake
          )
        );
      };
    };

  # nixos/modules/config/nix.nix: semanticConfType of nix.settings.
  confAtom =
    with types;
    nullOr (oneOf [
      bool
      int
      float
      str
      path
      package
    ]);

  # nixos/modules/services/networking/ssh/sshd.nix: settingsFormat is pkgs.formats.keyValue, whose value
  # type is one atom (pkgs/pkgs-lib/formats.nix); lists are allowed only for the declared sub-options.
  sshdAtom =
    with types;
    nullOr (oneOf [
      bool
      int
      float
      str
    ]);

  flag = default: mkOption {
    type = types.bool;
    inherit default;
  };
  nullableFlag = default: mkOption {
    type = types.nullOr types.bool;
    inherit default;
  };
  # sshd.nix: the curated algorithm lists, or upstream's defaults (null) when
  # services.openssh.enableRecommendedAlgorithms is off.
  algorithms = recommended: mkOption {
    type = types.nullOr (types.listOf types.str);
    default = if config.services.openssh.enableRecommendedAlgorithms then recommended else null;
  };
in
{
  options = {
    # nixos/modules/tasks/network-interfaces.nix
    networking.hostName = mkOption {
      type = types.strMatching "^$|^[[:alnum:]]([[:alnum:]_-]{0,61}[[:alnum:]])?$";
      default = "nixos";
    };
    networking.hostId = mkOption {
      type = types.nullOr types.str;
      default = null;
    };
    networking.useDHCP = flag true;
    networking.useNetworkd = flag false;
    # nixos/modules/services/networking/dhcpcd.nix
    networking.dhcpcd.enable = flag true;
    # nixos/modules/services/networking/networkmanager.nix
    networking.networkmanager.enable = flag false;
    # nixos/modules/config/resolvconf.nix (read at 3c069ae6a2d2274e0d1cb2f0a80721fd68f95ae5, nixfmt era)
    networking.resolvconf.enable = flag (!(config.environment.etc ? "resolv.conf"));
    # nixos/modules/services/networking/firewall.nix
    networking.firewall.enable = flag true;

    # nixos/modules/misc/nixpkgs.nix
    nixpkgs.hostPlatform = mkOption {
      type = types.either types.str types.attrs;
      apply = lib.systems.elaborate;
    };

    # nixos/modules/misc/version.nix (read at 03a362fe87d4d19a45525bc0adab2f17a562f99a, a lib.mdDoc-era
    # version, 24.05 or earlier; its stateVersion warning is left out)
    system.nixos.release = mkOption {
      type = types.str;
      readOnly = true;
      default = lib.trivial.release;
    };
    system.stateVersion = mkOption {
      type = types.str;
      default = config.system.nixos.release;
    };
    # nixos/modules/system/activation/top-level.nix
    system.build = mkOption {
      type = types.submoduleWith {
        modules = [ { freeformType = with types; lazyAttrsOf (uniq unspecified); } ];
      };
      default = { };
    };
    # nixos/modules/system/activation/activation-script.nix
    system.activationScripts = mkOption {
      type = types.attrsOf (
        types.either types.str (
          types.submodule {
            options = {
              deps = mkOption {
                type = types.listOf types.str;
                default = [ ];
              };
              text = mkOption { type = types.lines; };
              supportsDryActivation = flag false;
            };
          }
        )
      );
      default = { };
    };

    # nixos/modules/installer/netboot/netboot.nix is imported by ramdisk.nix itself (see
    # tests/nixos-modules/installer/netboot/netboot.nix).

    # nixos/modules/config/users-groups.nix (read at b69a0b599fef1d6fd5aff59e1e07135fff17c359, a
    # lib.mdDoc-era version, 24.05 or earlier), with sshd.nix's users.users.<name>.openssh
    users.mutableUsers = flag true;
    users.users = mkOption {
      type = types.attrsOf (
        types.submodule {
          options = {
            hashedPassword = mkOption {
              type = with types; nullOr (passwdEntry str);
              default = null;
            };
            openssh.authorizedKeys = {
              keys = mkOption {
                type = types.listOf types.singleLineStr;
                default = [ ];
              };
              keyFiles = mkOption {
                type = types.listOf types.path;
                default = [ ];
              };
            };
          };
        }
      );
      default = { };
    };

    # nixos/modules/services/networking/ssh/sshd.nix. The stored versions with a commit
    # (408b8b5725c3e6fff75aef772da248d3e95ff414, 00976b194fe32d3e425ff3b457eeb6e4ec7ba12c) predate
    # services.openssh.settings; these follow a newer copy (ML-KEM in the curated KexAlgorithms,
    # enableRecommendedAlgorithms) whose commit was not recorded with it.
    services.openssh.enable = flag false;
    services.openssh.hostKeys = mkOption {
      type = types.listOf types.attrs;
      default = [
        {
          type = "rsa";
          bits = 4096;
          path = "/etc/ssh/ssh_host_rsa_key";
        }
        {
          type = "ed25519";
          path = "/etc/ssh/ssh_host_ed25519_key";
        }
      ];
    };
    services.openssh.enableRecommendedAlgorithms = flag true;
    services.openssh.settings = mkOption {
      type = types.submodule {
        freeformType = types.attrsOf sshdAtom;
        options = {
          PasswordAuthentication = nullableFlag true;
          KbdInteractiveAuthentication = nullableFlag true;
          PermitRootLogin = mkOption {
            type = types.nullOr (
              types.enum [
                "yes"
                "without-password"
                "prohibit-password"
                "forced-commands-only"
                "no"
              ]
            );
            default = "prohibit-password";
          };
          LogLevel = mkOption {
            type = types.nullOr (
              types.enum [
                "QUIET"
                "FATAL"
                "ERROR"
                "INFO"
                "VERBOSE"
                "DEBUG"
                "DEBUG1"
                "DEBUG2"
                "DEBUG3"
              ]
            );
            default = "INFO";
          };
          UseDns = nullableFlag false;
          KexAlgorithms = algorithms [
            "mlkem768x25519-sha256"
            "sntrup761x25519-sha512"
            "sntrup761x25519-sha512@openssh.com"
            "curve25519-sha256"
            "curve25519-sha256@libssh.org"
            "diffie-hellman-group-exchange-sha256"
          ];
          Ciphers = algorithms [
            "chacha20-poly1305@openssh.com"
            "aes256-gcm@openssh.com"
            "aes128-gcm@openssh.com"
            "aes256-ctr"
            "aes192-ctr"
            "aes128-ctr"
          ];
          Macs = algorithms [
            "hmac-sha2-512-etm@openssh.com"
            "hmac-sha2-256-etm@openssh.com"
            "umac-128-etm@openssh.com"
          ];
        };
      };
      default = { };
    };
    # nixos/modules/services/ttys/getty.nix
    services.getty.autologinUser = mkOption {
      type = types.nullOr types.str;
      default = null;
    };
    # nixos/modules/services/hardware/udisks2.nix
    services.udisks2.enable = flag false;
    # nixos/modules/tasks/lvm.nix (read at cc56f5cf2350a4e1d76bafc367b1c92caceb4fd3, nixfmt era)
    services.lvm.enable = flag true;
    # a plain mkEnableOption there: default false (older versions derived it from systemd stage 1)
    boot.initrd.services.lvm.enable = flag false;
    # nixos/modules/tasks/swraid.nix
    boot.swraid.enable = flag (lib.versionOlder config.system.stateVersion "23.11");
    # nixos/modules/virtualisation/nixos-containers.nix
    boot.enableContainers = flag true;
    # nixos/modules/virtualisation/container-config.nix
    boot.isContainer = flag false;

    # nixos/modules/system/boot/kernel.nix (read at 8a2b0a70a70526480d5db9e67c2548ec57f0f6fc, a
    # lib.mdDoc-era version, 24.05 or earlier)
    boot.initrd.availableKernelModules = mkOption {
      type = types.listOf types.str;
      default = [ ];
    };
    boot.kernelModules = mkOption {
      type = types.listOf types.str;
      default = [ ];
    };
    boot.kernelParams = mkOption {
      type = types.listOf (
        types.strMatching ''([^"[:space:]]|"[^"]*")+''
        // {
          name = "kernelParam";
          description = "string, with spaces inside double quotes";
        }
      );
      default = [ ];
    };
    # nixos/modules/system/boot/stage-1.nix
    boot.initrd.compressor = mkOption {
      type = with types; either str (functionTo str);
      default = "zstd";
    };
    boot.initrd.compressorArgs = mkOption {
      type = with types; nullOr (listOf str);
      default = null;
    };
    # nixos/modules/system/boot/initrd-network.nix (read at e51058280469f12090c6be301fa2626bf373243d, a
    # lib.mdDoc-era version, 24.05 or earlier)
    boot.initrd.network.enable = flag false;
    # nixos/modules/system/boot/initrd-ssh.nix (read at 001dade9d8f91ab6c2a3ed8c830b87d8c1b8f99e, which
    # copies OpenSSH 10's sshd-auth, so 25.05 or later; its release line is not recorded)
    boot.initrd.network.ssh = {
      enable = flag false;
      port = mkOption {
        type = types.port;
        default = 22;
      };
      shell = mkOption {
        type = types.nullOr types.str;
        default = null;
      };
      hostKeys = mkOption {
        type = types.listOf (types.either types.str types.path);
        default = [ ];
      };
      ignoreEmptyHostKeys = flag false;
      authorizedKeys = mkOption {
        type = types.listOf types.str;
        default = config.users.users.root.openssh.authorizedKeys.keys;
      };
      authorizedKeyFiles = mkOption {
        type = types.listOf types.path;
        default = config.users.users.root.openssh.authorizedKeys.keyFiles;
      };
      extraConfig = mkOption {
        type = types.lines;
        default = "";
      };
    };

    # nixos/modules/system/boot/systemd/initrd.nix (read at 0c3e6c4970b3ab32cf4f5c847fe71879760be81b,
    # after the lib.mdDoc removal (24.05) and before the nixfmt reformatting; its release line is not recorded)
    boot.initrd.systemd.enable = flag false;
    boot.initrd.systemd.package = mkOption {
      type = types.package;
      default = config.systemd.package;
    };
    boot.initrd.systemd.emergencyAccess = mkOption {
      type = with types; oneOf [ bool (nullOr (passwdEntry str)) ];
      default = false;
    };
    # nixos/lib/systemd-types.nix (initrdStorePath, read at 2faec4eca3b0717c3e754e5858e006cd14d288c1, a
    # nixfmt-era version with dlopen sub-options, which are left out here), used by initrd.nix
    boot.initrd.systemd.storePaths = mkOption {
      type = types.listOf (
        types.coercedTo (types.oneOf [
          types.singleLineStr
          types.package
        ]) (source: { inherit source; }) (
          types.submodule {
            options = {
              enable = flag true;
              source = mkOption { type = types.path; };
              target = mkOption {
                type = types.nullOr types.path;
                default = null;
              };
            };
          }
        )
      );
      default = [ ];
    };
    boot.initrd.systemd.services = mkOption {
      type = types.attrsOf (types.submodule (serviceOptions false));
      default = { };
    };

    # nixos/modules/system/boot/systemd.nix
    systemd.package = mkOption {
      type = types.package;
      default = pkgs.systemd;
    };
    systemd.services = mkOption {
      type = types.attrsOf (types.submodule (serviceOptions true));
      default = { };
    };
    systemd.watchdog.runtimeTime = mkOption {
      type = types.nullOr types.str;
      default = null;
    };

    # nixos/modules/system/boot/networkd.nix
    systemd.network.enable = flag false;
    systemd.network.networks = mkOption {
      type = types.attrsOf (types.submodule networkOptions);
      default = { };
    };
    boot.initrd.systemd.network.enable = flag false;
    boot.initrd.systemd.network.networks = mkOption {
      type = types.attrsOf (types.submodule networkOptions);
      default = { };
    };

    # nixos/modules/tasks/filesystems.nix
    fileSystems = mkOption {
      type = types.attrsOf (types.submodule fileSystemOptions);
      default = { };
    };
    boot.supportedFilesystems = mkOption {
      type = types.coercedTo (types.listOf types.str) (
        enabled: lib.listToAttrs (map (fs: lib.nameValuePair fs true) enabled)
      ) (types.attrsOf types.bool);
      default = { };
    };

    # nixos/modules/tasks/filesystems/zfs.nix. The stored versions with a commit
    # (a623be9d17ee69da64b6645187a5c0bb1bec33ed, 00f7b4bdb0befccf40d8d93ebd6745d81553ef0f) predate
    # boot.zfs.package; these follow a newer copy (boot.zfs.pools, enableUnstable removed) whose commit
    # was not recorded with it.
    boot.zfs = {
      package = mkOption {
        type = types.package;
        default = pkgs.zfs;
      };
      devNodes = mkOption {
        type = types.path;
        default = "/dev/disk/by-id";
      };
      forceImportRoot = flag true;
      forceImportAll = flag false;
      requestEncryptionCredentials = mkOption {
        type = types.either types.bool (types.listOf types.str);
        default = true;
      };
    };

    # nixos/modules/system/boot/loader/grub/grub.nix (read at 36bd1a6dbb004e02973208d8099b681c76c2cb4a, a
    # version that still had GRUB 1, 20.x or earlier)
    boot.loader.grub = {
      enable = flag (!config.boot.isContainer);
      efiSupport = flag false;
      efiInstallAsRemovable = flag false;
      devices = mkOption {
        type = types.listOf types.str;
        default = [ ];
      };
      configurationLimit = mkOption {
        type = types.int;
        default = 100;
      };
    };
    # nixos/modules/system/boot/loader/efi.nix (read at 757cb18c55339be936aaf18aa1e8393cd549ceaf, a
    # pre-nixfmt version)
    boot.loader.efi = {
      canTouchEfiVariables = flag false;
      efiSysMountPoint = mkOption {
        type = types.str;
        default = "/boot";
      };
    };

    # nixos/modules/system/etc/etc.nix
    environment.etc = mkOption {
      type = types.attrsOf (types.submodule etcOptions);
      default = { };
    };
    # nixos/modules/config/system-path.nix (systemPackages read at
    # 6fc5ce2c4f765ce8edb4368557884ba1d7e2c53e, a 20.x-or-earlier version without defaultPackages)
    environment.systemPackages = mkOption {
      type = types.listOf types.package;
      default = [ ];
    };
    environment.defaultPackages = mkOption {
      type = types.listOf types.package;
      default = [ ];
    };
    # nixos/modules/hardware/all-firmware.nix
    hardware.enableRedistributableFirmware = flag false;
    # nixos/modules/services/hardware/udev.nix
    hardware.firmware = mkOption {
      type = types.listOf types.package;
      default = [ ];
    };
    # nixos/modules/programs/command-not-found/command-not-found.nix
    programs.command-not-found.enable = flag true;
    # nixos/modules/security/sudo.nix
    security.sudo.enable = flag true;

    # nixos/modules/config/nix.nix
    nix.package = mkOption {
      type = types.package;
      default = pkgs.nix;
    };
    nix.settings = mkOption {
      type = types.submodule { freeformType = types.attrsOf (types.either confAtom (types.listOf confAtom)); };
      default = { };
    };
    # nixos/modules/config/nix-flakes.nix
    nix.registry = mkOption {
      type = types.attrsOf (types.submodule registryOptions);
      default = { };
    };
  };
}
