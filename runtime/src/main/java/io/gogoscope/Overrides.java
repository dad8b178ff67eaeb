package io.gogoscope;

import io.gogoscope.OverrideTable.BreakerDraft;
import io.gogoscope.OverrideTable.BreakerRow;
import io.gogoscope.OverrideTable.GuardDraft;
import io.gogoscope.OverrideTable.Policy;
import io.gogoscope.OverrideTable.TaskRow;
import io.gogoscope.OverrideTable.Value;
import io.gogoscope.config.ConfigSource;
import io.gogoscope.config.ConfigurationException;
import io.gogoscope.policy.Bulkhead;
import io.gogoscope.policy.CircuitBreaker;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The configuration overrides of one runtime, read and checked once when it is built, then applied
 * to each guard and circuit breaker as it is built, so calls pay nothing for them.
 *
 * <p>Checking: every property under {@code gogoscope} in every part of the source (also those a
 * part of higher precedence hides, so a typo is never silent) must name a task of the
 * {@link TaskIndex}, a policy that task has, a setting of that policy (or a known breaker and one
 * of its settings) and a value the setting accepts. All problems are reported at once, in one
 * {@link ConfigurationException}.
 *
 * <p>Which value wins: the first part of the source that holds the property. A policy's switch:
 * the task's ({@code gogoscope.tasks.<task>.<policy>.enabled}), else for circuit breakers the
 * breaker's ({@code gogoscope.circuit-breakers.<name>.enabled}), else the policy's
 * ({@code gogoscope.<policy>.enabled}), else on.
 */
final class Overrides {
  static final Overrides NONE = new Overrides(Map.of(), Map.of(), Map.of(), Map.of(), Map.of());

  private static final String TASKS = "tasks";
  private static final String BREAKERS = "circuit-breakers";

  /** A value read from a property, with where it came from for messages. */
  record Setting(String property, String source, Object value) {}

  private final Map<String, Map<TaskRow<?>, Setting>> tasks;
  private final Map<String, Map<Policy, Setting>> taskSwitches;
  private final Map<String, Map<BreakerRow<?>, Setting>> breakers;
  private final Map<String, Setting> breakerSwitches;
  private final Map<Policy, Setting> globalSwitches;

  private Overrides(Map<String, Map<TaskRow<?>, Setting>> tasks, Map<String, Map<Policy, Setting>> taskSwitches,
      Map<String, Map<BreakerRow<?>, Setting>> breakers, Map<String, Setting> breakerSwitches,
      Map<Policy, Setting> globalSwitches) {
    this.tasks = tasks;
    this.taskSwitches = taskSwitches;
    this.breakers = breakers;
    this.breakerSwitches = breakerSwitches;
    this.globalSwitches = globalSwitches;
  }

  boolean isEmpty() {
    return tasks.isEmpty() && taskSwitches.isEmpty() && breakers.isEmpty() && breakerSwitches.isEmpty()
        && globalSwitches.isEmpty();
  }

  /**
   * Reads and checks the overrides in {@code source}; {@code index} is loaded only when some
   * property names gogoscope. Class names ({@code fail-on}, {@code skip-on}) are loaded with
   * {@code loader}.
   *
   * @throws ConfigurationException listing every property at fault
   */
  static Overrides load(ConfigSource source, Supplier<TaskIndex> index, ClassLoader loader) {
    List<Raw> raws = new ArrayList<>();
    for (ConfigSource part : source.parts()) {
      for (String name : part.propertyNames()) {
        if (name.startsWith(PropertyName.PREFIX + ".") || isConfigVariable(name)) {
          String value = part.value(name);
          if (value != null) {
            raws.add(new Raw(name, value, part.name()));
          }
        }
      }
    }
    if (raws.isEmpty()) {
      return NONE;
    }
    return new Reader(index.get(), loader).read(raws);
  }

  /**
   * Whether the environment-variable-style {@code name} is meant as a gogoscope setting: it starts
   * with {@code GOGOSCOPE_TASKS_}, {@code GOGOSCOPE_CIRCUIT_BREAKERS_} or {@code GOGOSCOPE_<POLICY>_}.
   * Other {@code GOGOSCOPE_} variables (a deployment's own) are not ours to judge.
   */
  static boolean isConfigVariable(String name) {
    if (!name.startsWith("GOGOSCOPE_")) {
      return false;
    }
    if (name.startsWith("GOGOSCOPE_TASKS_") || name.startsWith("GOGOSCOPE_CIRCUIT_BREAKERS_")) {
      return true;
    }
    for (Policy policy : Policy.values()) {
      if (name.startsWith(ConfigSource.environmentName(PropertyName.PREFIX + "." + policy.key + "."))) {
        return true;
      }
    }
    return false;
  }

  private record Raw(String name, String value, String source) {}

  /** Turns properties into overrides, collecting every problem. */
  private static final class Reader {
    private final TaskIndex index;
    private final ClassLoader loader;
    /** What may follow {@code gogoscope.} in an override: a policy, tasks or circuit-breakers. */
    private static final List<String> FIRSTS = firsts();

    private final List<String> problems = new ArrayList<>();
    private String firstBadProperty;
    /** Known properties by their environment-variable name. */
    private final Map<String, String> variables = new HashMap<>();

    private final Map<String, Map<TaskRow<?>, Setting>> tasks = new TreeMap<>();
    private final Map<String, Map<Policy, Setting>> taskSwitches = new TreeMap<>();
    private final Map<String, Map<BreakerRow<?>, Setting>> breakers = new TreeMap<>();
    private final Map<String, Setting> breakerSwitches = new TreeMap<>();
    private final Map<Policy, Setting> globalSwitches = new LinkedHashMap<>();

    Reader(TaskIndex index, ClassLoader loader) {
      this.index = index;
      this.loader = loader;
      for (Policy policy : Policy.values()) {
        known(String.join(".", PropertyName.PREFIX, policy.key, OverrideTable.ENABLED));
      }
      for (TaskIndex.IndexedTask task : index.tasks().values()) {
        String prefix = String.join(".", PropertyName.PREFIX, TASKS, PropertyName.quote(task.name()));
        for (String policyKey : task.policies()) {
          Policy policy = Policy.byKey(policyKey);
          if (policy == null) {
            continue; // a policy of a newer processor this runtime does not know
          }
          known(prefix + "." + policy.key + "." + OverrideTable.ENABLED);
          for (String setting : OverrideTable.rowsOf(policy).keySet()) {
            known(prefix + "." + policy.key + "." + setting);
          }
        }
      }
      for (String breaker : index.breakers().keySet()) {
        String prefix = String.join(".", PropertyName.PREFIX, BREAKERS, PropertyName.quote(breaker));
        known(prefix + "." + OverrideTable.ENABLED);
        for (String setting : OverrideTable.breakerRows().keySet()) {
          known(prefix + "." + setting);
        }
      }
    }

    private void known(String property) {
      variables.putIfAbsent(ConfigSource.environmentName(property), property);
    }

    Overrides read(List<Raw> raws) {
      for (Raw raw : raws) {
        read(raw);
      }
      if (!problems.isEmpty()) {
        String message = problems.size() == 1
            ? "gogoscope configuration: " + problems.getFirst()
            : "gogoscope configuration has " + problems.size() + " problems:\n  "
                + String.join("\n  ", problems);
        throw new ConfigurationException(firstBadProperty, message);
      }
      return new Overrides(tasks, taskSwitches, breakers, breakerSwitches, globalSwitches);
    }

    private void read(Raw raw) {
      String name = raw.name();
      if (!name.startsWith(PropertyName.PREFIX + ".")) {
        String property = variables.get(name);
        if (property == null) {
          problem(raw, "names no gogoscope setting" + Suggestions.didYouMean(name, variables.keySet())
              + " (environment variables spell a property with _ for every character other than letters"
              + " and digits, upper-cased: " + exampleVariable() + ")");
          return;
        }
        name = property;
      }
      PropertyName parsed = PropertyName.parse(name);
      if (parsed != null && parsed.size() >= 2 && !overridesNamespace(parsed.segment(1))) {
        return; // another component's property (the stores, the examples, the Spring Boot starter)
      }
      if (parsed == null || parsed.size() < 3) {
        problem(raw, "is not a gogoscope property; they have the shapes gogoscope.<policy>.enabled, "
            + "gogoscope.tasks.\"<task>\".<policy>.<setting> and gogoscope.circuit-breakers.\"<name>\".<setting>");
        return;
      }
      switch (parsed.segment(1)) {
        case TASKS -> readTask(raw, parsed);
        case BREAKERS -> readBreaker(raw, parsed);
        default -> readGlobal(raw, parsed);
      }
    }

    /**
     * Whether {@code first} (what follows {@code gogoscope.}) is the overrides' own: tasks,
     * circuit-breakers, a policy, or a near miss of one (a typo, reported). Other components share
     * the {@code gogoscope.} prefix ({@code gogoscope.store.*}, {@code gogoscope.metrics.*}, the
     * Spring Boot starter's properties), and system properties hold them all.
     */
    private static List<String> firsts() {
      List<String> firsts = new ArrayList<>(Policy.keys());
      firsts.add(TASKS);
      firsts.add(BREAKERS);
      return List.copyOf(firsts);
    }

    private static boolean overridesNamespace(String first) {
      return FIRSTS.contains(first) || Suggestions.closest(first, FIRSTS) != null;
    }

    private void readGlobal(Raw raw, PropertyName name) {
      Policy policy = Policy.byKey(name.segment(1));
      if (policy == null) {
        problem(raw, "\"" + name.segment(1) + "\" is not a policy, \"tasks\" or \"circuit-breakers\""
            + Suggestions.didYouMean(name.segment(1), FIRSTS) + "; policies: " + String.join(", ", Policy.keys()));
        return;
      }
      if (name.size() != 3 || !name.segment(2).equals(OverrideTable.ENABLED)) {
        problem(raw, "a policy's own property is only gogoscope." + policy.key + ".enabled; settings are per task: "
            + "gogoscope.tasks.\"<task>\"." + policy.key + ".<setting>");
        return;
      }
      Boolean value = value(raw, OverrideTable.BOOLEAN);
      if (value != null) {
        globalSwitches.putIfAbsent(policy, new Setting(raw.name(), raw.source(), value));
      }
    }

    private void readTask(Raw raw, PropertyName name) {
      String taskName = name.segment(2);
      TaskIndex.IndexedTask task = index.tasks().get(taskName);
      if (task == null) {
        problem(raw, "no task is named \"" + taskName + "\"" + Suggestions.didYouMean(taskName, index.tasks().keySet())
            + knownTasks());
        return;
      }
      if (name.size() != 5) {
        problem(raw, "a task's property has the shape gogoscope.tasks." + PropertyName.quote(taskName)
            + ".<policy>.<setting>; its policies: " + String.join(", ", task.policies())
            + (taskName.indexOf('.') >= 0 ? " (quote a task name that holds dots)" : ""));
        return;
      }
      Policy policy = Policy.byKey(name.segment(3));
      if (policy == null || !task.policies().contains(policy.key)) {
        String what = policy == null
            ? "\"" + name.segment(3) + "\" is not a policy" + Suggestions.didYouMean(name.segment(3), task.policies())
            : "task \"" + taskName + "\" has no " + policy.annotation + " (an override changes a policy, it does not add one)";
        problem(raw, what + "; the policies of \"" + taskName + "\": " + String.join(", ", task.policies()));
        return;
      }
      String setting = name.segment(4);
      Map<String, TaskRow<?>> rows = OverrideTable.rowsOf(policy);
      if (setting.equals(OverrideTable.ENABLED)) {
        Boolean value = value(raw, OverrideTable.BOOLEAN);
        if (value != null) {
          taskSwitches.computeIfAbsent(taskName, t -> new LinkedHashMap<>())
              .putIfAbsent(policy, new Setting(raw.name(), raw.source(), value));
        }
        return;
      }
      TaskRow<?> row = rows.get(setting);
      if (row == null) {
        List<String> accepted = new ArrayList<>();
        accepted.add(OverrideTable.ENABLED);
        accepted.addAll(rows.keySet());
        String hint = policy == Policy.CIRCUIT_BREAKER && task.breaker() != null
            && OverrideTable.breakerRows().containsKey(setting)
            ? "; a breaker's settings belong to the breaker, which tasks can share: gogoscope.circuit-breakers."
                + PropertyName.quote(task.breaker()) + "." + setting
            : Suggestions.didYouMean(setting, accepted);
        problem(raw, policy.annotation + " has no setting \"" + setting + "\"" + hint + "; it accepts: "
            + String.join(", ", accepted));
        return;
      }
      Object value = value(raw, row.value());
      if (value != null) {
        tasks.computeIfAbsent(taskName, t -> new LinkedHashMap<>())
            .putIfAbsent(row, new Setting(raw.name(), raw.source(), value));
      }
    }

    private void readBreaker(Raw raw, PropertyName name) {
      String breaker = name.segment(2);
      if (!index.breakers().containsKey(breaker)) {
        problem(raw, "no circuit breaker is named \"" + breaker + "\""
            + Suggestions.didYouMean(breaker, index.breakers().keySet())
            + (index.breakers().isEmpty() ? "; no task has a @CircuitBreaker"
                : "; breakers: " + String.join(", ", index.breakers().keySet())));
        return;
      }
      Map<String, BreakerRow<?>> rows = OverrideTable.breakerRows();
      if (name.size() != 4) {
        problem(raw, "a breaker's property has the shape gogoscope.circuit-breakers." + PropertyName.quote(breaker)
            + ".<setting>; settings: enabled, " + String.join(", ", rows.keySet()));
        return;
      }
      String setting = name.segment(3);
      if (setting.equals(OverrideTable.ENABLED)) {
        Boolean value = value(raw, OverrideTable.BOOLEAN);
        if (value != null) {
          breakerSwitches.putIfAbsent(breaker, new Setting(raw.name(), raw.source(), value));
        }
        return;
      }
      BreakerRow<?> row = rows.get(setting);
      if (row == null) {
        List<String> accepted = new ArrayList<>();
        accepted.add(OverrideTable.ENABLED);
        accepted.addAll(rows.keySet());
        problem(raw, "@CircuitBreaker has no setting \"" + setting + "\"" + Suggestions.didYouMean(setting, accepted)
            + "; it accepts: " + String.join(", ", accepted));
        return;
      }
      Object value = value(raw, row.value());
      if (value != null) {
        breakers.computeIfAbsent(breaker, b -> new LinkedHashMap<>())
            .putIfAbsent(row, new Setting(raw.name(), raw.source(), value));
      }
    }

    private <T> T value(Raw raw, Value<T> kind) {
      T value;
      try {
        value = kind.read(raw.value(), loader);
      } catch (OverrideTable.Rejected why) {
        problem(raw, "\"" + raw.value() + "\" is not accepted: " + why.getMessage() + "; give " + kind.accepts());
        return null;
      }
      if (value == null) {
        problem(raw, "\"" + raw.value() + "\" is not accepted; give " + kind.accepts());
      }
      return value;
    }

    private void problem(Raw raw, String what) {
      if (firstBadProperty == null) {
        firstBadProperty = raw.name();
      }
      problems.add(raw.name() + " (from " + raw.source() + "): " + what);
    }

    private String knownTasks() {
      if (index.tasks().isEmpty()) {
        return "; no task index was found on the class path (" + TaskIndex.FOLDER
            + "): compile the @ScopeTask interfaces with gogoscope's processor, and keep folder entries in jars";
      }
      List<String> names = List.copyOf(index.tasks().keySet());
      return "; tasks: " + (names.size() <= 12 ? String.join(", ", names)
          : names.subList(0, 12).stream().collect(Collectors.joining(", ")) + " and " + (names.size() - 12) + " more");
    }

    private String exampleVariable() {
      return variables.keySet().stream().filter(v -> v.contains("_TASKS_")).sorted().findFirst()
          .orElse("GOGOSCOPE_RETRY_ENABLED");
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Applying.

  /** Changes {@code guard}'s policies as configured for its name; called once per guard build. */
  void apply(Guard.Builder guard) {
    if (isEmpty()) {
      return;
    }
    Map<Policy, Setting> switches = taskSwitches.getOrDefault(guard.name, Map.of());
    Set<Policy> off = EnumSet.noneOf(Policy.class);
    for (Policy policy : Policy.values()) {
      Setting on = switches.get(policy);
      if (on == null && policy == Policy.CIRCUIT_BREAKER && guard.breaker != null) {
        on = breakerSwitches.get(guard.breaker.name());
      }
      if (on == null) {
        on = globalSwitches.get(policy);
      }
      if (on != null && !((Boolean) on.value())) {
        policy.disable(guard);
        off.add(policy);
      }
    }
    Map<TaskRow<?>, Setting> settings = tasks.get(guard.name);
    if (settings == null) {
      return;
    }
    GuardDraft draft = new GuardDraft(guard);
    List<String> retryProperties = new ArrayList<>();
    List<String> lockProperties = new ArrayList<>();
    for (Map.Entry<TaskRow<?>, Setting> entry : settings.entrySet()) {
      TaskRow<?> row = entry.getKey();
      if (off.contains(row.policy()) || !has(guard, row.policy())) {
        continue; // switched off: its settings have nothing to change
      }
      if (row.policy() == Policy.RETRY) {
        retryProperties.add(entry.getValue().property());
      } else if (row.policy() == Policy.DISTRIBUTED_LOCK) {
        lockProperties.add(entry.getValue().property());
      }
      row.applyTo(draft, entry.getValue().value());
    }
    Bulkhead rebuilt = draft.bulkhead();
    if (rebuilt != null) {
      guard.bulkhead = rebuilt;
    }
    if (!lockProperties.isEmpty() && guard.lockMinHold.compareTo(guard.lockTtl) > 0) {
      throw new ConfigurationException(lockProperties.getFirst(),
          "gogoscope configuration: " + String.join(", ", lockProperties) + " of task \"" + guard.name
              + "\" clash with its other lock settings: the minimum hold " + guard.lockMinHold
              + " is longer than the TTL " + guard.lockTtl + ", at which the lease expires; raise ttl or shorten min-hold");
    }
    if (draft.retryChanged()) {
      try {
        guard.retry = draft.retry().build();
      } catch (IllegalArgumentException clash) {
        throw new ConfigurationException(retryProperties.getFirst(),
            "gogoscope configuration: " + String.join(", ", retryProperties) + " of task \"" + guard.name
                + "\" clash with its other retry settings: " + clash.getMessage(), clash);
      }
    }
  }

  /** Whether {@code guard} has {@code policy} to change (a hand-built guard may lack it). */
  private static boolean has(Guard.Builder guard, Policy policy) {
    return switch (policy) {
      case RETRY -> guard.retry != null;
      case TIMEOUT -> true;
      case CIRCUIT_BREAKER -> guard.breaker != null;
      case RATE_LIMIT -> guard.rateLimit > 0;
      case DISTRIBUTED_LOCK -> guard.lockTtl != null;
      case BULKHEAD -> guard.bulkhead != null;
    };
  }

  /** {@code config} as configured for the breaker {@code name}. */
  CircuitBreaker.Config breaker(String name, CircuitBreaker.Config config) {
    Map<BreakerRow<?>, Setting> settings = breakers.get(name);
    if (settings == null) {
      return config;
    }
    BreakerDraft draft = new BreakerDraft(config);
    settings.forEach((row, setting) -> row.applyTo(draft, setting.value()));
    try {
      return draft.build();
    } catch (IllegalArgumentException clash) {
      List<String> properties = settings.values().stream().map(Setting::property).toList();
      throw new ConfigurationException(properties.getFirst(),
          "gogoscope configuration: " + String.join(", ", properties) + " of circuit breaker \"" + name
              + "\" clash with its other settings: " + clash.getMessage(), clash);
    }
  }
}
