package io.gogoscope.bench.infra;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Marks a benchmark class whose benchmarks need a server; the suite runner checks it first. */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface Requires {
  /** The servers the benchmarks talk to. */
  Service[] value();
}
