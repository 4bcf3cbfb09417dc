/**
 * The {@code install} phase ({@code nixos-install} from the flake or a copied closure) and the
 * {@code finalize} phase (install manifest, unmount, pool export).
 */
package dev.reinstaller.installer.install;
