/**
 * Our interface to the Hetzner Cloud API ({@code HetznerApi}), its settings ({@code HCLOUD_TOKEN},
 * {@code HCLOUD_ENDPOINT}), typed failures and the rate limit; the library stays in {@code tomsdevsn}.
 */
package dev.reinstaller.cloud.hetzner;
