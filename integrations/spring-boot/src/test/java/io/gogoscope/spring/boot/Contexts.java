package io.gogoscope.spring.boot;

import io.gogoscope.spring.boot.app.FriendlyGreeter;
import io.gogoscope.spring.boot.app.Greeter;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.ClassUtils;

/** The context runner of the starter's tests. */
final class Contexts {
  private Contexts() {}

  static ApplicationContextRunner runner() {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(GogoscopeAutoConfiguration.class));
  }

  /** Boot's DataSource auto-configuration, whose package moved in Boot 4 (these tests run on 3.5 too). */
  static Class<?> dataSourceAutoConfiguration() {
    String boot4 = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration";
    String boot3 = "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration";
    ClassLoader loader = Contexts.class.getClassLoader();
    return ClassUtils.resolveClassName(ClassUtils.isPresent(boot4, loader) ? boot4 : boot3, loader);
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
