package io.gogoscope.observe;

import java.time.Duration;

/**
 * What an observer learns about a scope (the span attributes {@code scope.*}).
 *
 * @param name the scope's name
 * @param hasParent whether it has a parent scope
 * @param timeout its timeout, or {@code null}
 * @param concurrency its concurrency limit, or 0 for none
 */
public record ScopeInfo(String name, boolean hasParent, Duration timeout, int concurrency) {}
