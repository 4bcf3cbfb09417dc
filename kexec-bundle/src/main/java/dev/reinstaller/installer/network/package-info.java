/**
 * The {@code network} phase: the ramdisk's NICs configured by MAC from runtime info, resolvers, and
 * proof that gateways, names and the binary cache answer.
 */
package dev.reinstaller.installer.network;
