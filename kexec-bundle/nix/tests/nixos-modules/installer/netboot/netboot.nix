# The options of nixpkgs's nixos/modules/installer/netboot/netboot.nix that ramdisk.nix uses,
# found where ramdisk.nix imports them (modulesPath + "/installer/netboot/netboot.nix"). Its config
# (the image build) needs the full nixpkgs tree and is not evaluated here.
{ lib, ... }:
{
  options.netboot = {
    squashfsCompression = lib.mkOption {
      type = lib.types.str;
      default = "zstd -Xcompression-level 19";
    };
    storeContents = lib.mkOption {
      type = lib.types.listOf lib.types.package;
      default = [ ];
    };
  };
}
