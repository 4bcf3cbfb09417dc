# The host flake of web-01, written by reinstaller-installer.
# Rebuild with: nixos-rebuild switch --flake /etc/nixos#web-01
# runtime-info.json is what the old host looked like (addresses, disks, keys); the
# reinstaller input turns it into this system. Add your own modules to `modules`.
{
  description = "NixOS on web-01, installed by reinstaller";

  inputs = {
    nixpkgs.url = "github:NixOS/nixpkgs/1111111111111111111111111111111111111111";
    reinstaller.url = "github:reinstaller/reinstaller/2222222222222222222222222222222222222222?dir=kexec-bundle";
    reinstaller.inputs.nixpkgs.follows = "nixpkgs";
  };

  outputs =
    { reinstaller, ... }@inputs:
    {
      nixosConfigurations."web-01" = reinstaller.lib.mkHost {
        runtimeInfo = ./runtime-info.json;
        specialArgs = { inherit inputs; };
        modules = [ ];
      };
    };
}
