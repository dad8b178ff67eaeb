package io.gogoscope.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import io.gogoscope.processor.model.InterfaceModel;
import io.gogoscope.processor.model.MethodModel;
import io.gogoscope.processor.model.ParameterModel;
import io.gogoscope.processor.model.TaskModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.util.Types;

/** The Javadoc of generated code: short, and saying where each piece comes from. */
final class Docs {
  private final InterfaceModel model;
  private final Types types;

  Docs(InterfaceModel model, Types types) {
    this.model = model;
    this.types = types;
  }

  /** {@code {@link UserService#fetchUser(String)}}, with erased parameter types. */
  CodeBlock link(MethodModel method) {
    CodeBlock.Builder link = CodeBlock.builder().add("{@link $T#$L(", ClassName.get(model.element()), method.name());
    List<ParameterModel> parameters = method.parameters();
    for (int i = 0; i < parameters.size(); i++) {
      link.add(i == 0 ? "$T" : ", $T", com.palantir.javapoet.TypeName.get(types.erasure(parameters.get(i).type())));
    }
    return link.add(")}").build();
  }

  /** What a task's synchronous method does. */
  CodeBlock sync(TaskModel task, ClassName union) {
    return CodeBlock.builder()
        .add("Calls $L as task {@code $L}$L.\n", link(task.method()), text(task.taskName()), policies(task))
        .add("\n@return the value, or the {@link $T} that says how the call failed\n", union)
        .build();
  }

  /** What a task's fork method does. */
  CodeBlock fork(TaskModel task, String scopeParameter) {
    return CodeBlock.builder()
        .add("Forks $L into {@code $L} as task {@code $L}, under the same policies as the call above.\n",
            link(task.method()), scopeParameter, text(task.taskName()))
        .add("\n@return the task; its {@code join()} gives the result\n")
        .build();
  }

  /** What a delegated method does. */
  CodeBlock delegated(MethodModel method) {
    return CodeBlock.of("Calls $L as it is: it is not a task.\n", link(method));
  }

  /** {@code : up to 3 attempts, 2s per attempt}, from the annotations as written. */
  private static String policies(TaskModel task) {
    MethodModel method = task.method();
    List<String> policies = new ArrayList<>();
    task.overallTimeout().ifPresent(timeout -> policies.add(timeout.value() + " overall"));
    method.rateLimit().ifPresent(limit -> policies.add(
        "at most " + limit.limit().value() + " calls per " + limit.window().value()
            + (limit.key().isEmpty() ? "" : " per {@code " + text(limit.key().text().value()) + "}")));
    method.lock().ifPresent(lock -> policies.add(
        "holding lock {@code " + text(lock.key().isEmpty() ? task.taskName() : lock.key().text().value()) + "}"));
    method.retry().ifPresent(retry -> policies.add("up to " + retry.attempts().value() + " attempts"));
    task.breakerName().ifPresent(name -> policies.add("circuit breaker {@code " + text(name) + "}"));
    task.attemptTimeout().ifPresent(timeout -> policies.add(timeout.value() + " per attempt"));
    return policies.isEmpty() ? "" : ": " + String.join(", ", policies);
  }

  /** User text inside Javadoc: nothing in it may end the comment. */
  static String text(String userText) {
    return userText.replace("*/", "*&#47;").replace("@", "{@literal @}");
  }
}
