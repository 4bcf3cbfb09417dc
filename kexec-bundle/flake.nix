{
  description = "reinstaller: the kexec ramdisk that reinstalls a server as NixOS on encrypted ZFS, and the NixOS modules of the installed host";

  # flake.lock is written by `nix flake lock` (the workflow does it and uploads it); commit it to
  # pin nixpkgs by hash.
  inputs.nixpkgs.url = "github:NixOS/nixpkgs/nixos-26.11";

  outputs =
    { self, nixpkgs, ... }:
    let
      reinstallerLib = import ./nix/lib;

      # Nix system -> runtime-info architecture.
      systems = {
        x86_64-linux = "x86_64";
        aarch64-linux = "aarch64";
      };

      forAllSystems =
        f:
        builtins.mapAttrs (
          system: arch:
          f {
            inherit system arch;
            pkgs = nixpkgs.legacyPackages.${system};
          }
        ) systems;

      # The Maven project is the repository around this flake; build outputs and caches stay out.
      source = builtins.path {
        path = ./..;
        name = "reinstaller-source";
        filter =
          path: type:
          !(builtins.elem (baseNameOf path) [
            ".git"
            ".cache"
            "target"
            "result"
          ]);
      };

      # Where this repository is published, as a flake URL without a revision. The host flake the
      # installer writes locks the bundle's own source at its commit there, so the installed host
      # can rebuild itself later. A fork changes this line.
      publishedAt = "github:reinstaller/reinstaller";

      # The host flake's inputs, as /etc/reinstaller/inputs.json in the ramdisk: fetchable URLs with
      # the narHash of the sources this bundle was built from. Both sources are in the ramdisk's
      # store (the file refers to them), so nixos-install fetches neither. A build from a tree
      # without a commit has no fetchable URL; its source is then locked as a store path.
      hostFlakeInputs = {
        reinstaller = {
          url =
            if self ? rev then
              "${publishedAt}/${self.rev}?dir=kexec-bundle"
            else
              "path:${self.sourceInfo.outPath or self.outPath}?dir=kexec-bundle";
          inherit (self) narHash;
          rev = self.rev or null;
          lastModified = self.lastModified or null;
          storePath = "${self.sourceInfo.outPath or self.outPath}";
        };
        nixpkgs = {
          url = "github:NixOS/nixpkgs/${nixpkgs.rev}";
          inherit (nixpkgs) narHash rev;
          lastModified = nixpkgs.lastModified or null;
          storePath = "${nixpkgs.outPath}";
        };
      };

      ramdiskFor =
        system:
        nixpkgs.lib.nixosSystem {
          modules = [
            self.nixosModules.ramdisk
            {
              nixpkgs.hostPlatform = system;
              reinstaller.ramdisk.installerPackage = self.packages.${system}.installer;
              reinstaller.ramdisk.hostFlakeInputs = hostFlakeInputs;
            }
          ];
        };

      module = file: {
        _file = file;
        imports = [ file ];
      };

      readInfo = info: if builtins.isAttrs info then info else builtins.fromJSON (builtins.readFile info);
    in
    {
      lib = reinstallerLib // {
        # The installed host: `runtimeInfo` is runtime-info.json's path or its parsed content;
        # `modules` are the operator's own NixOS modules, applied last; `specialArgs` reach every
        # module (the host flake passes its inputs). Hardware (initrd modules for the disk
        # controller and the NICs, nixpkgs.hostPlatform) comes from runtime info via the host module.
        mkHost =
          {
            runtimeInfo,
            modules ? [ ],
            specialArgs ? { },
          }:
          nixpkgs.lib.nixosSystem {
            inherit specialArgs;
            modules = [
              self.nixosModules.host
              { reinstaller.runtimeInfo = readInfo runtimeInfo; }
            ]
            ++ modules;
          };
      };

      # Attribute sets that import the files, so errors name the file and `nix flake check`
      # sees modules.
      nixosModules = {
        host = module ./nix/modules/host.nix;
        ramdisk = module ./nix/modules/ramdisk.nix;
        default = self.nixosModules.host;
      };

      nixosConfigurations = builtins.listToAttrs (
        map (system: {
          name = "ramdisk-${system}";
          value = ramdiskFor system;
        }) (builtins.attrNames systems)
      );

      packages = forAllSystems (
        {
          system,
          arch,
          pkgs,
        }:
        let
          jdk = pkgs.jdk25_headless;
          jars = pkgs.callPackage ./nix/pkgs/jars.nix {
            inherit jdk;
            src = source;
          };
          javaApp = args: pkgs.callPackage ./nix/pkgs/java-app.nix ({ inherit jdk jars; } // args);
        in
        rec {
          inherit jars;
          installer = javaApp {
            name = "reinstaller-installer";
            # The launcher starts the JVM with an AOT cache from this training run (startup, the
            # phases up to confirm and the status API, against a test root), made at build time.
            src = source;
            aotTraining = "scripts/installer-aot-cache";
            extraModules = [ "jdk.unsupported" ];
            dropModules = [
              "java.desktop"
              "java.sql"
            ];
            javaOptions = [
              "-XX:+UseSerialGC"
              "-Xmx256m"
              "-XX:TieredStopAtLevel=1"
            ];
          };
          # For NixOS hosts (no standard kexec loader there); other hosts use the tarball that
          # scripts/build-agent-dist makes.
          agent = javaApp {
            name = "reinstaller-agent";
            extraModules = [ "jdk.crypto.ec" ];
            dropModules = [
              "java.desktop"
              "java.sql"
            ];
            javaOptions = [
              "-XX:+UseSerialGC"
              "-XX:TieredStopAtLevel=1"
              "--enable-native-access=ALL-UNNAMED"
            ];
          };
          bundle = pkgs.callPackage ./nix/pkgs/bundle.nix {
            ramdisk = self.nixosConfigurations."ramdisk-${system}";
            inherit arch;
          };
          default = bundle;
        }
      );

      checks = forAllSystems (
        { system, pkgs, ... }:
        {
          # The pure functions against the expected JSON, at evaluation time.
          lib =
            let
              result = import ./nix/tests/lib-check.nix;
            in
            if result.failed == [ ] then
              pkgs.runCommand "reinstaller-lib-fixtures" { } "touch $out"
            else
              throw "reinstaller lib: settings differ from tests/expected for ${toString result.failed}";
          ramdisk = self.packages.${system}.bundle;
        }
        // (
          if system == "x86_64-linux" then
            {
              # Needs KVM: the x86_64 runner has it.
              host-network = import ./nix/tests/host-vm.nix {
                inherit pkgs;
                hostModule = self.nixosModules.host;
              };
            }
          else
            { }
        )
      );
    };
}
