/**
 * JUnit 5 support: one embedded PostgreSQL server per test class, a fresh database per test.
 */
package io.pgcarry.embedded.junit;
