/** Findings shared by check, move and validate: problems with a code, a severity, affected rows and sample keys. */
package io.pgcarry.report;
