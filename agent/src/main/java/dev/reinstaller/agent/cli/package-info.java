/**
 * The {@code reinstaller-agent} command line (picocli): one thin command class per subcommand that
 * parses into a request, calls a service and maps the outcome to output and an exit code.
 */
package dev.reinstaller.agent.cli;
