package io.gogoscope.examples.plain;

import io.gogoscope.annotations.ScopeTask;
import io.gogoscope.annotations.SpanAttribute;
import io.gogoscope.annotations.Timeout;
import java.io.IOException;

/** A task interface of the plain application; the processor writes {@code ScopedGreeter}. */
@ScopeTask(name = "greeter")
public interface Greeter {
  /** Greets {@code who}. */
  @Timeout("5s")
  String greet(@SpanAttribute("who") String who) throws IOException;
}
