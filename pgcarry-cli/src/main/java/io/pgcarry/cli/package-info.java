/**
 * The {@code pgcarry} command line: one picocli class per subcommand, each parsing options into a request,
 * calling one engine service and printing its typed result as text or JSON. No SQL lives here.
 */
package io.pgcarry.cli;
