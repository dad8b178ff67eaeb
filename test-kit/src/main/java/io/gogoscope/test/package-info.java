/**
 * gogoscope's testing kit, for the tests of code that uses gogoscope:
 * {@link io.gogoscope.test.GogoscopeAssertions} (AssertJ-style assertions on results and error
 * unions) and {@link io.gogoscope.test.VirtualClock} (time that moves when the test says).
 * {@link io.gogoscope.test.store} injects store faults, {@link io.gogoscope.test.junit} checks
 * that a test leaves nothing running, and {@link io.gogoscope.store.contract} is the contract
 * suite a store backend proves itself with.
 *
 * <p>Used by: users, in their tests (a test-scoped dependency).
 */
package io.gogoscope.test;
