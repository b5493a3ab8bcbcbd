/**
 * Large objects ({@code pg_largeobject_metadata}, {@code pg_largeobject}): content that applications store apart from
 * their rows and refer to by OID. They are data, not schema (as for pg_dump, whose {@code --schema-only} leaves them
 * out): move and clone copy them with their OIDs in the source's snapshot, backup archives them and restore brings them
 * back, validate compares them. This package holds what all of those share: the catalog entry ({@link
 * io.pgcarry.largeobject.LargeObject}, read by {@link io.pgcarry.largeobject.LargeObjects}), content read and written
 * in fixed pieces so memory never grows with an object's size ({@link io.pgcarry.largeobject.LargeObjectContent}), and
 * the comparison of two sides ({@link io.pgcarry.largeobject.LargeObjectComparison}).
 */
package io.pgcarry.largeobject;
