package io.gogoscope.processor.model;

/**
 * A {@code @DistributedLock} as written on a method.
 *
 * @param position the annotation
 * @param key the key template, resolved against the method's parameters
 * @param ttl the lease time (a duration text)
 * @param maxWait how long to wait for the lock (a duration text)
 * @param minHold how long the lock stays taken at least (a duration text)
 */
public record LockSettings(
    Position position, KeyTemplate key, Setting<String> ttl, Setting<String> maxWait,
    Setting<String> minHold) {}
