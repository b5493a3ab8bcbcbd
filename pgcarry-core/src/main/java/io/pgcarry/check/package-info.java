/**
 * {@code pgcarry check}: the preflight that lists every problem of a move at once (schema fit, data that
 * would not fit, privileges, a non-empty target) before anything is written.
 */
package io.pgcarry.check;
