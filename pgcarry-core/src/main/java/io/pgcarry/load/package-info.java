/**
 * The load room's shared pieces: checks that what a move's journal or a backup's archive hands back for a load to run
 * (a key, an index, the clause that attaches one to the other) has the shape pgcarry itself stored.
 */
package io.pgcarry.load;
