/**
 * The layout of the installed system that the destructive phases share: partitions, pool, datasets,
 * mount root and the places later phases write to.
 */
package dev.reinstaller.installer.layout;
