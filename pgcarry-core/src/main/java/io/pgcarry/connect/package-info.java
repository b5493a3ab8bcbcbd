/**
 * How pgcarry reaches a database: libpq-style URLs and keyword/value strings, the libpq environment and
 * {@code ~/.pgpass}, dotenv files, named profiles in {@code pgcarry.yaml}, redaction of every URL that is shown,
 * Unix-domain sockets (a socket factory for pgjdbc), and opening JDBC connections whose failures become one-line
 * errors.
 */
package io.pgcarry.connect;
