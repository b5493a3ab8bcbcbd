/**
 * The schema model: every schema object of a database read from the system catalogs ({@link SchemaReader}),
 * written back as a dependency-ordered script ({@link SchemaScript}), saved as JSON ({@link SchemaSnapshots}),
 * compared ({@link SchemaDiff}) and aligned by a plan whose statements carry their hazards ({@link AlignmentPlanner}),
 * whose drops are guarded at run time ({@link GuardedDrop}) and which merges duplicate tables ({@link TableMerge}).
 */
package io.pgcarry.schema;
