package io.gogoscope.spring.boot;

import io.gogoscope.config.ConfigurationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a bad configuration override into Boot's "APPLICATION FAILED TO START" report: the
 * runtime's message (every property at fault, where it came from, what it accepts) as the
 * description, and what to change as the action, instead of a stack of bean-creation exceptions.
 */
final class ConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<ConfigurationException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ConfigurationException cause) {
    return new FailureAnalysis(cause.getMessage(),
        "Correct or remove " + cause.property() + " (and any other property named above) in the application's "
            + "configuration; the task and breaker names are those of the processor's index (see /actuator/gogoscope).",
        cause);
  }
}
