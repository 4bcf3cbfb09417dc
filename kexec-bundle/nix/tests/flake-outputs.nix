# Calls the flake's `outputs` with stub inputs, without nixpkgs: a fake nixpkgs whose
# lib.nixosSystem returns its arguments and whose callPackage records what it was called with.
# The result is plain data about the outputs (attribute names, module wiring), compared with
# expected/flake-outputs.json by NixChecksTest.
let
  flake = import ../../flake.nix;

  stubPkgs = system: {
    jdk25_headless = "jdk25_headless-${system}";
    callPackage = fn: args: {
      stub = "callPackage";
      package = baseNameOf (toString fn);
      inherit system;
      argNames = builtins.attrNames args;
      # Plain arguments only: derivations and sources stay unevaluated.
      plain = removeAttrs args [
        "jars"
        "src"
        "ramdisk"
      ];
    };
    runCommand = name: env: script: {
      stub = "runCommand";
      inherit name;
    };
    testers.runNixOSTest = test: {
      stub = "runNixOSTest";
      inherit (test) name;
      nodes = builtins.attrNames test.nodes;
    };
  };

  nixpkgs = {
    outPath = "/nix/store/00000000000000000000000000000000-source";
    rev = "1111111111111111111111111111111111111111";
    narHash = "sha256-2T/H0Q3fWzComEgjP1J/SDoNiG+nS9bADAz0kXd1Kqo=";
    lastModified = 1760000000;
    lib.nixosSystem = args: {
      stub = "nixosSystem";
      inherit args;
    };
    legacyPackages = {
      x86_64-linux = stubPkgs "x86_64-linux";
      aarch64-linux = stubPkgs "aarch64-linux";
    };
  };

  outputs = import ./reinstaller-outputs.nix nixpkgs;

  # A NixOS module as data: a path by its file name, an attribute set as it is, runtime info by
  # the host name it carries.
  describeModule =
    m:
    if builtins.isPath m then
      baseNameOf (toString m)
    else if m ? imports && m ? _file then
      "imports ${baseNameOf (toString m._file)}"
    else if m ? reinstaller.runtimeInfo then
      m // { reinstaller.runtimeInfo = "runtime info of ${m.reinstaller.runtimeInfo.hostName}"; }
    else
      m;
  describeSystem = s: map describeModule s.args.modules;

  fixture = ./fixtures/hetzner-dhcp.json;
  host = outputs.lib.mkHost {
    runtimeInfo = fixture;
    modules = [ { networking.domain = "example.org"; } ];
  };
in
{
  inherit (flake) description;
  nixpkgsUrl = flake.inputs.nixpkgs.url;
  outputs = builtins.attrNames outputs;
  lib = builtins.attrNames outputs.lib;
  nixosModules = builtins.mapAttrs (name: describeModule) outputs.nixosModules;
  nixosConfigurations = builtins.mapAttrs (name: describeSystem) outputs.nixosConfigurations;
  packages = outputs.packages;
  checks = builtins.mapAttrs (system: checks: builtins.attrNames checks) outputs.checks;
  libCheck = outputs.checks.x86_64-linux.lib;
  hostNetworkTest = outputs.checks.x86_64-linux.host-network;
  mkHost = describeSystem host;
  mkHostFromAttrs =
    (describeSystem (outputs.lib.mkHost { runtimeInfo = builtins.fromJSON (builtins.readFile fixture); }))
    == (describeSystem (outputs.lib.mkHost { runtimeInfo = fixture; }));
}
