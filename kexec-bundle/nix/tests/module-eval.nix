# Evaluates nix/modules/host.nix and nix/modules/ramdisk.nix without nixpkgs: a stub `lib` whose
# mkOption returns its arguments, mkIf/mkMerge merge plainly and mkDefault/mkForce are the value
# itself, and a stub `pkgs` whose scripts are their own text. `config.reinstaller` is the options'
# defaults plus `overrides`. The result is the modules' options (described) and their config as
# data, so NixChecksTest can check the wiring: ports, key paths, forced command, units.
#   nix-instantiate --eval --strict --json module-eval.nix --arg fixture ./fixtures/x.json
{
  fixture ? ./fixtures/hetzner-dhcp.json,
  hostOverrides ? { },
}:
let
  isOption = v: builtins.isAttrs v && v ? _stubOption;

  # Later definitions win at the leaves; attribute sets merge; lists concatenate.
  merge =
    a: b:
    if builtins.isAttrs a && builtins.isAttrs b && !(isOption a) then
      a
      // builtins.mapAttrs (name: value: if a ? ${name} then merge a.${name} value else value) b
    else if builtins.isList a && builtins.isList b then
      a ++ b
    else
      b;

  lib = {
    mkOption = attrs: attrs // { _stubOption = true; };
    mkDefault = v: v;
    mkForce = v: v;
    mkIf = cond: v: if cond then v else { };
    mkMerge = builtins.foldl' merge { };
    optional = cond: v: if cond then [ v ] else [ ];
    literalExpression = text: { literalExpression = text; };
    types = {
      bool = "bool";
      str = "str";
      port = "port";
      package = "package";
      anything = "anything";
      int = "int";
      attrsOf = t: "attrsOf ${t}";
      nullOr = t: "null or ${t}";
      submodule = m: "submodule of ${builtins.concatStringsSep "," (builtins.attrNames m.options)}";
      ints = {
        positive = "positive int";
        between = lo: hi: "int between ${toString lo} and ${toString hi}";
      };
    };
  };

  # A script is its text, so checks can read what it does.
  script = name: text: "#script ${name}\n${text}";
  pkgs = {
    writeShellScript = script;
    runtimeShell = "/stub/bin/bash";
    callPackage = fn: args: "/stub/callPackage/${baseNameOf (toString fn)}";
    stdenv.hostPlatform = {
      isx86_64 = true;
      isAarch64 = false;
    };
  }
  // builtins.listToAttrs (
    map
      (name: {
        inherit name;
        value = "/stub/pkgs/${name}";
      })
      [
        "iproute2"
        "gptfdisk"
        "dosfstools"
        "util-linux"
        "openssh"
        "kmod"
        "coreutils"
        "nixos-install-tools"
      ]
  );

  defaultsOf =
    options:
    builtins.mapAttrs (
      name: v:
      if isOption v then
        v.default or null
      else
        defaultsOf v
    ) options;

  describeOptions =
    options:
    builtins.mapAttrs (
      name: v:
      if isOption v then
        {
          inherit (v) type;
          described = builtins.stringLength (v.description or "") > 20;
        }
        // (if v ? default then { inherit (v) default; } else { })
      else
        describeOptions v
    ) options;

  baseConfig = {
    boot.zfs.package = "/stub/zfs";
    boot.initrd.systemd.package = "/stub/systemd";
    nix.package = "/stub/nix";
    netboot.storeContents = [ ];
  };

  evalModule =
    path: overrides:
    let
      module = import path {
        inherit config lib pkgs;
        modulesPath = "/stub/nixos/modules";
      };
      config = merge baseConfig { reinstaller = merge (defaultsOf module.options.reinstaller) overrides; };
    in
    {
      options = describeOptions module.options;
      config = module.config;
      imports = map toString (module.imports or [ ]);
    };
in
{
  host = evalModule ../modules/host.nix (
    merge { runtimeInfo = builtins.fromJSON (builtins.readFile fixture); } hostOverrides
  );
  ramdisk = evalModule ../modules/ramdisk.nix {
    ramdisk.installerPackage = "/stub/reinstaller-installer";
    ramdisk.hostFlakeInputs = {
      nixpkgs = {
        url = "github:NixOS/nixpkgs/1111111111111111111111111111111111111111";
        narHash = "sha256-2T/H0Q3fWzComEgjP1J/SDoNiG+nS9bADAz0kXd1Kqo=";
        rev = "1111111111111111111111111111111111111111";
        lastModified = 1760000000;
        storePath = "/nix/store/00000000000000000000000000000000-source";
      };
    };
  };
}
