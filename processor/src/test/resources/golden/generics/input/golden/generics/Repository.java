package golden.generics;

import io.gogoscope.annotations.ScopeTask;
import io.gogoscope.annotations.Timeout;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Generic interface and methods, overloads, primitives, void and varargs: every abstract method is
 * a task with the interface's timeout.
 */
@ScopeTask(timeout = "5s")
public interface Repository<T, ID extends Comparable<ID>> {
  Optional<T> find(ID id);

  List<T> find(String query, int limit);

  <R> R map(ID id, Function<? super T, ? extends R> mapper) throws java.io.IOException;

  int count();

  @Timeout("1s")
  void delete(ID id);

  List<T> findAll(String... tags);
}
