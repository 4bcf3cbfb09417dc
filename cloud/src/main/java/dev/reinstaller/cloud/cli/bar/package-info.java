/**
 * Progress bars on a terminal (the progressbar library stays here); plain lines elsewhere.
 */
package dev.reinstaller.cloud.cli.bar;
