/**
 * {@code pgcarry clone}: a whole database into an empty one. The schema comes from the schema model, the
 * rows from the move engine (one snapshot, parallel COPY, keys and indexes journaled and rebuilt after the
 * load, triggers off during it), then validation.
 */
package io.pgcarry.clone;
