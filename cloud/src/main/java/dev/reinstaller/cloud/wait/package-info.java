/**
 * Every wait of the operator CLI: deadlines with backoff through one waiter and an injected clock.
 */
package dev.reinstaller.cloud.wait;
