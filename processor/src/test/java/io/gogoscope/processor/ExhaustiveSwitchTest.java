package io.gogoscope.processor;

import static com.google.testing.compile.CompilationSubject.assertThat;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** The unions are sealed: javac checks that a switch over a result covers every variant. */
class ExhaustiveSwitchTest {

  private static final String ALL_CASES = """
      case Result.Ok(var user) -> user.name();
      case Result.Err(ScopedUserService.FetchUserError.Io io) -> "retry later: " + io.cause().getMessage();
      case Result.Err(ScopedUserService.FetchUserError.UserNotFound notFound) -> "no such user";
      case Result.Err(ScopedUserService.FetchUserError.TimedOut timedOut) -> "slow: " + timedOut.after();
      case Result.Err(ScopedUserService.FetchUserError.Cancelled cancelled) -> "cancelled";
      case Result.Err(ScopedUserService.FetchUserError.Unexpected unexpected) -> "bug: " + unexpected.cause();
      """;

  private static JavaFileObject client(String cases) {
    return JavaFileObjects.forSourceString("golden.users.Client", """
        package golden.users;

        import io.gogoscope.Result;

        class Client {
          static String describe(Result<ScopedUserService.FetchUserError, UserService.User> result) {
            return switch (result) {
        """ + cases + """
            };
          }
        }
        """);
  }

  private static Compilation compileWith(JavaFileObject client) {
    List<JavaFileObject> sources = new ArrayList<>(GoldenTest.inputs("users"));
    sources.add(client);
    return Compiler.compile(sources.toArray(JavaFileObject[]::new));
  }

  @Test
  void aSwitchCoveringEveryVariantCompilesWithoutDefault() {
    assertThat(compileWith(client(ALL_CASES))).succeededWithoutWarnings();
  }

  @Test
  void aSwitchLeavingOneVariantOutIsRejected() {
    String withoutTimedOut = ALL_CASES.lines()
        .filter(line -> !line.contains("TimedOut"))
        .reduce("", (all, line) -> all + line + "\n");
    JavaFileObject client = client(withoutTimedOut);
    Compilation compilation = compileWith(client);
    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("the switch expression does not cover all possible input values")
        .inFile(client)
        .onLineContaining("return switch (result)");
  }
}
