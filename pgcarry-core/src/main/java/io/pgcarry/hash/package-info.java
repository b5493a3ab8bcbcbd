/**
 * The one content hasher: how a row's content is hashed on a server (with PostgreSQL's own hash functions, the same
 * on both sides whatever their versions and encodings), summed per table ({@link io.pgcarry.hash.ContentTotals}),
 * and read off a COPY stream while rows are copied ({@link io.pgcarry.hash.CopyStreamHash}); and a large object's
 * content, by piece ({@link io.pgcarry.hash.LargeObjectHash}). Validate, move, backup and restore all hash through it,
 * so that a hash taken while copying equals one taken afterwards.
 */
package io.pgcarry.hash;
