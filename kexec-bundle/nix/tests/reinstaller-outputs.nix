# This flake's outputs as Nix calls them for a locked input, with the `self` the tests pin (the
# revision, narHash and lastModified the Java tests expect of a bundle's lock) and the given nixpkgs.
nixpkgs:
let
  flake = import ../../flake.nix;
  outputs = flake.outputs {
    self = outputs // {
      outPath = toString ../..;
      sourceInfo.outPath = "/nix/store/22222222222222222222222222222222-source";
      rev = "2222222222222222222222222222222222222222";
      narHash = "sha256-zYP3abycq+2m0ONJ/k/Jxj4XC/iJUfSiDOjl9mY6ufc=";
      lastModified = 1760000001;
    };
    inherit nixpkgs;
  };
in
outputs
