/**
 * How pgcarry reaches a database: libpq-style URLs, the libpq environment and {@code ~/.pgpass}, dotenv
 * files, named profiles in {@code pgcarry.yaml}, redaction of every URL that is shown, and opening JDBC
 * connections whose failures become one-line errors.
 */
package io.pgcarry.connect;
