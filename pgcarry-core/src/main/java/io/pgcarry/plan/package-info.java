/**
 * What goes where: the mapping file, table selection (include, exclude, default exclusions) and the
 * column-by-column plan from a source table to its target table. Check, move and validate share one plan.
 */
package io.pgcarry.plan;
