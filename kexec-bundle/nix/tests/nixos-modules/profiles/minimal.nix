# nixpkgs's nixos/modules/profiles/minimal.nix, found where ramdisk.nix imports it. It only turns
# documentation and a few services off with mkDefault, options ramdisk.nix does not read; it sets
# nothing here.
{ }
