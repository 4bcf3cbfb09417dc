# Evaluates nix/modules/host.nix (with one runtime-info fixture) and nix/modules/ramdisk.nix through
# nixpkgs's real lib.evalModules (nixos.nix), so an option NixOS does not declare, a value of the
# wrong type or two conflicting definitions fail here with the module system's own error.
# `hostConfig` and `ramdiskConfig` are extra modules (the tests' mistakes, overrides).
#   nix-instantiate --eval --strict --json modules.nix --arg nixpkgsLib /path/to/nixpkgs-lib/lib \
#     --arg fixture ./fixtures/x.json
{
  nixpkgsLib,
  fixture ? ./fixtures/hetzner-dhcp.json,
  hostConfig ? { },
  ramdiskConfig ? { },
}:
let
  nixos = import ./nixos.nix { inherit nixpkgsLib; };
  inherit (nixos) lib pkgs;

  host = nixos.nixosSystem {
    modules = [
      ../modules/host.nix
      { reinstaller.runtimeInfo = builtins.fromJSON (builtins.readFile fixture); }
      hostConfig
    ];
  };

  ramdisk = nixos.nixosSystem {
    modules = [
      ../modules/ramdisk.nix
      {
        nixpkgs.hostPlatform = "x86_64-linux";
        reinstaller.ramdisk.installerPackage = pkgs.callPackage ./reinstaller-installer { };
        reinstaller.ramdisk.hostFlakeInputs.nixpkgs = {
          url = "github:NixOS/nixpkgs/1111111111111111111111111111111111111111";
          narHash = "sha256-2T/H0Q3fWzComEgjP1J/SDoNiG+nS9bADAz0kXd1Kqo=";
          rev = "1111111111111111111111111111111111111111";
          lastModified = 1760000000;
          storePath = "/nix/store/00000000000000000000000000000000-source";
        };
      }
      ramdiskConfig
    ];
  };

  # reinstaller.* as declared: type, default and whether it is described.
  ourOptions =
    eval:
    map (option: {
      name = lib.showOption option.loc;
      type = option.type.description;
      described = builtins.stringLength (option.description or "") > 20;
      default = option.defaultText or option.default or null;
    }) (lib.collect lib.isOption eval.options.reinstaller);

  describe = eval: {
    config = nixos.view eval.config;
    scripts = nixos.scripts eval.config;
    options = ourOptions eval;
  };
in
{
  host = describe host;
  ramdisk = describe ramdisk;
}
