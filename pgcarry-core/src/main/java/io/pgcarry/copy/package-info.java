/**
 * The copy room: the one COPY pump that carries rows from a source to a sink, and how its progress is reported.
 * Move, clone and backup pump through it; restore hands its files to pgjdbc's own COPY IN.
 */
package io.pgcarry.copy;
