package io.gogoscope;

import java.time.Duration;

/**
 * Names one timeout of a {@link Guard} (its attempt timeout or its overall timeout) when it is
 * armed in a {@link DeadlineSlot}, so that whoever sees it fire can tell whose it was.
 *
 * @param call the guard's name
 * @param timeout the timeout
 */
record CallDeadline(String call, Duration timeout) {}
