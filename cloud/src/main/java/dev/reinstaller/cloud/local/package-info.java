/**
 * Programs the CLI runs on the operator's machine, such as {@code nix copy} for a closure.
 */
package dev.reinstaller.cloud.local;
