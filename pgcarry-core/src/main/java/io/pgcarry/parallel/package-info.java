/** Running database work with several connections at once, stopping everything at the first failure. */
package io.pgcarry.parallel;
