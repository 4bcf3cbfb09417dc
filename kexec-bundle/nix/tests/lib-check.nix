# Every fixture in ./fixtures through settingsFor, compared with ./expected/<name>.json. Used by
# the flake's checks.<system>.lib and by the Maven build (NixChecksTest), which also shows a diff.
let
  inherit (import ../lib) settingsFor;
  names = map (file: builtins.substring 0 (builtins.stringLength file - 5) file) (
    builtins.filter (file: builtins.match ".*\\.json" file != null) (
      builtins.attrNames (builtins.readDir ./fixtures)
    )
  );
  read = path: builtins.fromJSON (builtins.readFile path);
  matches = name: settingsFor (read (./fixtures + "/${name}.json")) == read (./expected + "/${name}.json");
in
{
  checked = names;
  failed = builtins.filter (name: !matches name) names;
}
