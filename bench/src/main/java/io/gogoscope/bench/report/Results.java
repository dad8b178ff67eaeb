package io.gogoscope.bench.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The measurements of one run, looked up by benchmark class, method and parameters. */
record Results(List<Measurement> all) {

  Results {
    all = List.copyOf(all);
  }

  /** The measurement of {@code className.method} whose parameters include {@code params}. */
  Optional<Measurement> find(String className, String method, Map<String, String> params) {
    return all.stream()
        .filter(m -> m.className().equals(className) && m.method().equals(method))
        .filter(m -> m.params().entrySet().containsAll(params.entrySet()))
        .findFirst();
  }

  /** The measurements of one benchmark class, in the order JMH ran them. */
  List<Measurement> ofClass(String className) {
    return all.stream().filter(m -> m.className().equals(className)).toList();
  }

  /** The benchmark classes, in the order JMH ran them. */
  List<String> classNames() {
    return all.stream().map(Measurement::className).distinct().toList();
  }
}
