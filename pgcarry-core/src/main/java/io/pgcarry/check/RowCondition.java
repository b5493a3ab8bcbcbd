package io.pgcarry.check;

import io.pgcarry.report.ProblemCode;

/**
 * A condition over source rows that marks the rows a target would refuse.
 *
 * @param code       the problem code
 * @param object     the target column or constraint concerned
 * @param sql        a boolean SQL expression over the source table's columns, true for bad rows
 * @param message    what is wrong and what to do
 * @param valueSql   when the bad values themselves are worth listing (enum labels), their text form; else null
 */
record RowCondition(ProblemCode code, String object, String sql, String message, String valueSql) {
}
