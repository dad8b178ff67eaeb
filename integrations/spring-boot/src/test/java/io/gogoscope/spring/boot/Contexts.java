package io.gogoscope.spring.boot;

import io.gogoscope.spring.boot.app.FriendlyGreeter;
import io.gogoscope.spring.boot.app.Greeter;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The context runner of the starter's tests. */
final class Contexts {
  private Contexts() {}

  static ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(GogoscopeAutoConfiguration.class));
  }

  /** An application with one bean implementing the @ScopeTask interface Greeter. */
  @Configuration(proxyBeanMethods = false)
  static class GreeterApp {
    @Bean
    Greeter greeter() {
      return new FriendlyGreeter();
    }
  }
}
