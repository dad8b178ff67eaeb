package io.gogoscope;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The task index is found in folders and jars on the class path and merged. */
class TaskIndexTest {

  @Test
  void readsTheIndexOfFoldersAndJars(@TempDir Path temp) throws IOException {
    Path folder = temp.resolve("classes");
    Files.createDirectories(folder.resolve(TaskIndex.FOLDER));
    Files.writeString(folder.resolve(TaskIndex.FOLDER + "app.Users"), "# comment\nusers.fetchUser\tretry\ttimeout\n");
    Path jar = temp.resolve("lib.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry("META-INF/"));
      out.putNextEntry(new JarEntry("META-INF/gogoscope/"));
      out.putNextEntry(new JarEntry(TaskIndex.FOLDER));
      out.putNextEntry(new JarEntry(TaskIndex.FOLDER + "lib.Payments"));
      OutputStream entry = out;
      entry.write("payments.charge\tcircuit-breaker=payments\trate-limit\n".getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    try (URLClassLoader loader = new URLClassLoader(
        new URL[] {folder.toUri().toURL(), jar.toUri().toURL()}, null)) {
      TaskIndex index = TaskIndex.load(loader);
      assertThat(index.tasks()).containsOnlyKeys("users.fetchUser", "payments.charge");
      assertThat(index.tasks().get("users.fetchUser").policies()).isEqualTo(Set.of("retry", "timeout"));
      assertThat(index.tasks().get("payments.charge").policies()).isEqualTo(Set.of("circuit-breaker", "rate-limit"));
      assertThat(index.breakers()).containsOnlyKeys("payments");
      assertThat(index.files()).containsExactly("app.Users", "lib.Payments");
    }
  }

  @Test
  void overloadsSharingATaskNameHaveTheUnionOfTheirPolicies() {
    TaskIndex index = TaskIndex.parse(java.util.Map.of("a.Find", "find\tretry\nfind\ttimeout\n"));
    assertThat(index.tasks().get("find").policies()).isEqualTo(Set.of("retry", "timeout"));
  }
}
