# Evaluates the lib on one runtime-info fixture:
#   nix-instantiate --eval --strict --json --arg fixture ./fixtures/hetzner-dhcp.json settings.nix
{ fixture }:
(import ../lib).settingsFor (builtins.fromJSON (builtins.readFile fixture))
