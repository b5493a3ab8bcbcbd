/**
 * pgcarry as a library: moves, backs up, restores and migrates PostgreSQL databases, and proves that every
 * row arrived. Each capability has its own package ({@code connect}, {@code ping}, ...); errors are
 * {@link io.pgcarry.error.PgCarryException}s.
 */
package io.pgcarry;
