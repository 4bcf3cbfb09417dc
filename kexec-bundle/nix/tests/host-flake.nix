# Evaluates a host flake the installer wrote (flake.nix, flake.lock, runtime-info.json in `dir`)
# against this repository's flake, without the full nixpkgs and without fetching: the host flake's
# `outputs` gets this flake's outputs as `reinstaller` (themselves called with a nixpkgs whose lib
# is nixpkgs's real lib and whose lib.nixosSystem is the real module system over NixOS's option
# declarations, nixos.nix), that nixpkgs as `nixpkgs`, and a stand-in operator flake as `extra`.
# The result describes the host's nixosConfigurations (modules, specialArgs, the evaluated config,
# as `nixos-rebuild` would evaluate it), the lock file's inputs, and the hardware settings the lib
# derives from runtime-info.json. HostFlakeNixTest and scripts/testbed/check-host-flake.sh read it.
#   nix-instantiate --eval --strict --json host-flake.nix --arg dir /tmp/x --arg nixpkgsLib /path/lib
{ dir, nixpkgsLib }:
let
  nixos = import ./nixos.nix { inherit nixpkgsLib; };
  hostFlake = import (dir + "/flake.nix");
  lock = builtins.fromJSON (builtins.readFile (dir + "/flake.lock"));

  nixpkgs = {
    outPath = "/nix/store/00000000000000000000000000000000-source";
    rev = "1111111111111111111111111111111111111111";
    narHash = "sha256-2T/H0Q3fWzComEgjP1J/SDoNiG+nS9bADAz0kXd1Kqo=";
    lastModified = 1760000000;
    lib = nixos.lib // {
      inherit (nixos) nixosSystem;
    };
    legacyPackages = { };
  };

  reinstaller = import ./reinstaller-outputs.nix nixpkgs;

  extra = {
    nixosModules.default = {
      _file = "operator-flake";
      services.openssh.settings.LogLevel = "VERBOSE";
    };
  };

  # The inputs Nix would pass: those flake.nix declares, plus self.
  inputs = {
    self = outputs;
    inherit nixpkgs reinstaller;
  }
  // (if hostFlake.inputs ? extra then { inherit extra; } else { });
  outputs = hostFlake.outputs inputs;

  describeModule =
    m:
    if m ? imports && m ? _file then
      "imports ${baseNameOf (toString m._file)}"
    else if m ? _file then
      "module ${m._file}"
    else if m ? reinstaller.runtimeInfo then
      "runtime info of ${m.reinstaller.runtimeInfo.hostName}"
    else
      m;

  info = builtins.fromJSON (builtins.readFile (dir + "/runtime-info.json"));
  settings = reinstaller.lib.settingsFor info;
in
{
  inherit (hostFlake) description;
  inputUrls = builtins.mapAttrs (name: input: input.url or null) hostFlake.inputs;
  follows = builtins.mapAttrs (
    name: input: builtins.mapAttrs (n: i: i.follows) (input.inputs or { })
  ) hostFlake.inputs;
  configurations = builtins.mapAttrs (name: system: {
    modules = map describeModule system.args.modules;
    config = nixos.view system.config;
    scripts = nixos.scripts system.config;
    specialArgs = builtins.attrNames system.args.specialArgs;
    specialInputs = builtins.attrNames system.args.specialArgs.inputs;
  }) outputs.nixosConfigurations;
  lock = {
    inherit (lock) version root;
    rootInputs = lock.nodes.${lock.root}.inputs;
    nodes = builtins.attrNames lock.nodes;
    reinstallerFollows = lock.nodes.reinstaller.inputs or { };
    locked = builtins.mapAttrs (name: node: node.locked or null) (removeAttrs lock.nodes [ "root" ]);
    original = builtins.mapAttrs (name: node: node.original or null) (removeAttrs lock.nodes [ "root" ]);
  };
  hardware = {
    hostPlatform = settings.nixpkgs.hostPlatform;
    initrdModules = settings.boot.initrd.availableKernelModules;
  };
}
