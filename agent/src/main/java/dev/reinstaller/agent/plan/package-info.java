/**
 * What an install would do, in words (disk, old data, layout, network, flake, token); changes nothing.
 */
package dev.reinstaller.agent.plan;
