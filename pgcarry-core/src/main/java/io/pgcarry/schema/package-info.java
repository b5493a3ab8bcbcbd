/**
 * The schema model: every schema object of a database read from the system catalogs ({@link SchemaReader}),
 * written back as a dependency-ordered script ({@link SchemaScript}), saved as JSON ({@link SchemaSnapshots}),
 * compared ({@link SchemaDiff}) and aligned by a plan whose statements carry their hazards ({@link AlignmentPlanner}).
 */
package io.pgcarry.schema;
