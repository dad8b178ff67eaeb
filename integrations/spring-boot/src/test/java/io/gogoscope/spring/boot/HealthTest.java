package io.gogoscope.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.Result;
import io.gogoscope.spring.boot.app.ScopedGreeter;
import io.gogoscope.testing.ManualTimeSource;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

/**
 * The circuit breakers' health contributor, on Boot 4 and Boot 3.5 (the boot35-test module runs
 * this class too): its health API moved package between them, so the contributor is read here
 * through the method both versions share, {@code health()}.
 */
class HealthTest {
  private final ManualTimeSource clock = new ManualTimeSource();

  private ApplicationContextRunner runner() {
    return Contexts.runner()
        .withConfiguration(AutoConfigurations.of(GogoscopeActuatorAutoConfiguration.class))
        .withUserConfiguration(Contexts.GreeterApp.class)
        .withBean("manualClock", ScopeRuntimeCustomizer.class,
            () -> (ScopeRuntimeCustomizer) builder -> builder.timeSource(clock));
  }

  @Test
  void theContributorImplementsThisBootsHealthIndicator() {
    runner().run(context -> {
      String boot4 = "org.springframework.boot.health.contributor.HealthIndicator";
      String boot3 = "org.springframework.boot.actuate.health.HealthIndicator";
      ClassLoader loader = getClass().getClassLoader();
      Class<?> api = Class.forName(org.springframework.util.ClassUtils.isPresent(boot4, loader) ? boot4 : boot3);
      assertThat(context.getBeanNamesForType(api)).containsExactly("circuitBreakersHealthIndicator");
    });
  }

  @Test
  void healthGoesDownWhenABreakerOpensAndUpWhenItClosesAgain() {
    runner().run(context -> {
      ScopedGreeter greeter = context.getBean(ScopedGreeter.class);
      assertThat(status(context)).isEqualTo("UP");

      greeter.greet("broken"); // two attempts, two failures: the window of two is full of them
      assertThat(greeter.greet("ada")).isInstanceOf(Result.Err.class); // refused while open
      assertThat(status(context)).isEqualTo("DOWN");
      assertThat(details(context)).containsEntry("greetings", "OPEN");

      clock.advance(Duration.ofMinutes(1)); // the reset timeout: the next call is a trial
      assertThat(greeter.greet("ada")).isEqualTo(new Result.Ok<>("hello ada"));
      assertThat(status(context)).isEqualTo("UP");
      assertThat(details(context)).containsEntry("greetings", "CLOSED");
    });
  }

  @Test
  void healthGoesDownWhenABreakerOpensAndBackUpAfterAResetThroughTheEndpoint() {
    runner().run(context -> {
      context.getBean(ScopedGreeter.class).greet("broken");
      assertThat(status(context)).isEqualTo("DOWN");
      context.getBean(GogoscopeEndpoint.class).change("greetings", "reset");
      assertThat(status(context)).isEqualTo("UP");
      context.getBean(GogoscopeEndpoint.class).change("greetings", "force-open");
      assertThat(status(context)).isEqualTo("DOWN");
      assertThat(details(context)).containsEntry("greetings", "FORCED_OPEN");
    });
  }

  @Test
  void anOpenBreakerCanBeReportedWithoutGoingDown() {
    runner().withPropertyValues("gogoscope.health.open-is-down=false").run(context -> {
      context.getBean(ScopedGreeter.class).greet("broken");
      assertThat(status(context)).isEqualTo("UP");
      assertThat(details(context)).containsEntry("greetings", "OPEN");
    });
  }

  @Test
  void theContributorCanBeSwitchedOff() {
    runner().withPropertyValues("management.health.gogoscope.enabled=false")
        .run(context -> assertThat(context).doesNotHaveBean("circuitBreakersHealthIndicator"));
  }

  private static Object health(ApplicationContext context) throws Exception {
    Object indicator = context.getBean("circuitBreakersHealthIndicator");
    Method health = indicator.getClass().getMethod("health");
    health.setAccessible(true);
    return health.invoke(indicator);
  }

  private static String status(ApplicationContext context) throws Exception {
    Object health = health(context);
    Object status = health.getClass().getMethod("getStatus").invoke(health);
    return (String) status.getClass().getMethod("getCode").invoke(status);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> details(ApplicationContext context) throws Exception {
    Object health = health(context);
    return (Map<String, Object>) health.getClass().getMethod("getDetails").invoke(health);
  }
}
