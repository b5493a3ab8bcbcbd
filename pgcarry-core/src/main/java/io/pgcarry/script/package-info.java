/**
 * Reading SQL scripts the way psql does: plain-format {@code pg_dump} output and migration files, split
 * statement by statement, with {@code COPY ... FROM stdin} data streamed through and psql meta-commands such as
 * {@code \connect} reported as their own items. The reader never holds the whole file or a whole COPY block in
 * memory, so restore and migrate can feed it dumps of any size. Start at {@link io.pgcarry.script.SqlScriptReader}.
 */
package io.pgcarry.script;
