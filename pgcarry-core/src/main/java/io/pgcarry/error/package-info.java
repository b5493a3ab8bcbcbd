/**
 * pgcarry's error model: one unchecked root exception carrying an {@link io.pgcarry.error.ErrorCode} and a
 * one-line, user-facing message. Callers (the CLI) map codes to exit codes in one place.
 */
package io.pgcarry.error;
