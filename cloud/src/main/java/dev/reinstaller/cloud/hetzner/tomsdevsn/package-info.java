/**
 * The adapter to {@code me.tomsdevsn:hetznercloud-api}: the only place its types appear; replies are
 * checked here before the rest of the CLI sees them.
 */
package dev.reinstaller.cloud.hetzner.tomsdevsn;
