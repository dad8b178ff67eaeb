package io.gogoscope.spring.boot.app;

import java.io.IOException;

/** Greets, or fails with an IOException for the name "broken". */
public class FriendlyGreeter implements Greeter {
  @Override
  public String greet(String name) throws IOException {
    if (name.equals("broken")) {
      throw new IOException("downstream is broken");
    }
    return "hello " + name;
  }

  @Override
  public String runJob(String job) {
    return "ran " + job;
  }
}
