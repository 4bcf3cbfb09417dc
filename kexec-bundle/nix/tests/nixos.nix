# nixpkgs's real module system (lib.evalModules, with _module.check on) over NixOS's own
# declarations of the options we use (nixos-options.nix) and the stand-in packages (pkgs.nix).
# `nixosSystem` takes the arguments nixpkgs's lib.nixosSystem takes; `view` is the evaluated config
# as JSON-able data (packages become their store paths), `scripts` the text of every script a unit
# runs or the initrd carries, by name.
{ nixpkgsLib }:
let
  lib = import nixpkgsLib;
  pkgs = import ./pkgs.nix;

  nixosSystem =
    {
      modules,
      specialArgs ? { },
      ...
    }@args:
    lib.evalModules {
      specialArgs = {
        modulesPath = ./nixos-modules;
      }
      // specialArgs;
      modules = [
        ./nixos-options.nix
        { _module.args.pkgs = pkgs; }
      ]
      ++ modules;
    }
    // {
      inherit args;
    };

  isScript = v: builtins.isAttrs v && v.type or "" == "derivation" && v ? text;
  scriptsIn =
    v:
    if isScript v then
      [ v ]
    else if builtins.isList v then
      builtins.concatMap scriptsIn v
    else if builtins.isAttrs v && v.type or "" != "derivation" then
      builtins.concatMap scriptsIn (builtins.attrValues v)
    else
      [ ];

  view = config: {
    inherit (config)
      networking
      users
      services
      systemd
      fileSystems
      environment
      hardware
      programs
      security
      nix
      ;
    boot = removeAttrs config.boot [ "isContainer" ];
    system = { inherit (config.system) stateVersion activationScripts; };
    netboot = config.netboot or null;
    hostPlatform = config.nixpkgs.hostPlatform.system;
  };

  scripts =
    config:
    builtins.listToAttrs (
      map (s: {
        inherit (s) name;
        value = s.text;
      }) (scriptsIn [
        config.systemd.services
        config.boot.initrd.systemd.services
        config.boot.initrd.systemd.storePaths
        config.boot.initrd.network.ssh.extraConfig
        config.system.activationScripts
      ])
    );
in
{
  inherit
    lib
    pkgs
    nixosSystem
    view
    scripts
    ;
}
