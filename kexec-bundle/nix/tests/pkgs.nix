# The packages our modules take from `pkgs`, for evaluating them without nixpkgs: each is a
# derivation-shaped attribute set (so types.package accepts it and "${pkg}" is its store path), and
# a script keeps its text (so tests read what it does). Nothing here is built.
let
  hashOf = text: builtins.substring 0 32 (builtins.hashString "sha256" text);
  drv = name: extra: {
    type = "derivation";
    inherit name;
    outPath = "/nix/store/${hashOf "${name}${extra.text or ""}"}-${name}";
  } // extra;
  script = name: text: drv name { inherit text; };
in
{
  writeShellScript = script;
  writeText = script;
  runtimeShell = "${drv "bash" { }}/bin/bash";
  callPackage = fn: args: drv (baseNameOf (toString fn)) { };
  runCommand = name: env: text: drv name { inherit text; };
  stdenv.hostPlatform = {
    isx86_64 = true;
    isAarch64 = false;
  };
}
// builtins.listToAttrs (
  map (name: {
    inherit name;
    value = drv name { };
  }) [
    "coreutils"
    "dosfstools"
    "gptfdisk"
    "iproute2"
    "kmod"
    "nix"
    "nixos-install-tools"
    "openssh"
    "systemd"
    "util-linux"
    "zfs"
  ]
)
