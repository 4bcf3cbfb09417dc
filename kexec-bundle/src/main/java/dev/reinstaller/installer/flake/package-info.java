/**
 * The {@code flake} phase: the installed host's flake (flake.nix, flake.lock, runtime-info.json) with its
 * inputs pinned from the ramdisk image, and an optional operator flake.
 */
package dev.reinstaller.installer.flake;
