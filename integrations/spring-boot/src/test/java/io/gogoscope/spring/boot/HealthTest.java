package io.gogoscope.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import io.gogoscope.Result;
import io.gogoscope.spring.boot.app.ScopedGreeter;
import io.gogoscope.testing.ManualTimeSource;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The circuit breakers' health contributor (Boot 4's health API: the boot35-test module leaves this
 * class out).
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
  void healthGoesDownWhenABreakerOpensAndUpWhenItClosesAgain() {
    runner().run(context -> {
      var health = context.getBean(CircuitBreakersHealthIndicator.class);
      ScopedGreeter greeter = context.getBean(ScopedGreeter.class);
      assertThat(health.health().getStatus().getCode()).isEqualTo("UP");

      greeter.greet("broken"); // two attempts, two failures: the window of two is full of them
      assertThat(greeter.greet("ada")).isInstanceOf(Result.Err.class); // refused while open
      assertThat(health.health().getStatus().getCode()).isEqualTo("DOWN");
      assertThat(health.health().getDetails()).containsEntry("greetings", "OPEN");

      clock.advance(Duration.ofMinutes(1)); // the reset timeout: the next call is a trial
      assertThat(greeter.greet("ada")).isEqualTo(new Result.Ok<>("hello ada"));
      assertThat(health.health().getStatus().getCode()).isEqualTo("UP");
      assertThat(health.health().getDetails()).containsEntry("greetings", "CLOSED");
    });
  }

  @Test
  void anOpenBreakerCanBeReportedWithoutGoingDown() {
    runner().withPropertyValues("gogoscope.health.open-is-down=false").run(context -> {
      context.getBean(ScopedGreeter.class).greet("broken");
      var health = context.getBean(CircuitBreakersHealthIndicator.class).health();
      assertThat(health.getStatus().getCode()).isEqualTo("UP");
      assertThat(health.getDetails()).containsEntry("greetings", "OPEN");
    });
  }

}
