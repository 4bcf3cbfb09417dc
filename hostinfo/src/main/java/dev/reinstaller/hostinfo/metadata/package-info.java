/**
 * The one client of the provider's metadata service (Hetzner's layout) and the small YAML reader its
 * network-config needs, with deadlines and size caps.
 */
package dev.reinstaller.hostinfo.metadata;
