/**
 * The JUnit 5 side of the kit: {@link io.gogoscope.test.junit.GogoscopeExtension} gives each test a
 * runtime of its own and fails the test when it leaves scopes open, tasks running, locks held or
 * runtime threads alive.
 *
 * <p>Used by: users, in their JUnit 5 tests ({@code @ExtendWith(GogoscopeExtension.class)}).
 */
package io.gogoscope.test.junit;
