/** {@code pgcarry ping}: connects to a server and reports what pgcarry will be working with. */
package io.pgcarry.ping;
