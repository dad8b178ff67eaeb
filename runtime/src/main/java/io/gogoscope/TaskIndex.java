package io.gogoscope;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.JarURLConnection;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLConnection;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

/**
 * The tasks that gogoscope's processor generated, read from the resources it writes: one file per
 * annotated interface, {@value #FOLDER}{@code <binary name>}, with a line per task (its name, then
 * its policies, tab-separated; the circuit breaker as {@code circuit-breaker=<name>}). Lines
 * starting with {@code #} are comments. Configuration overrides are checked against it, so an
 * override naming no task, or a policy its task does not have, fails instead of passing silently.
 *
 * <p>The folder is listed in every class path entry that has it, in directories and jars (jars
 * keep their folder entries unless a packager strips them, which Maven and Gradle do not).
 */
record TaskIndex(Map<String, IndexedTask> tasks, Map<String, Set<String>> breakers, List<String> files) {

  /** Where the processor writes the index files. */
  static final String FOLDER = "META-INF/gogoscope/tasks/";

  static final TaskIndex EMPTY = new TaskIndex(Map.of(), Map.of(), List.of());

  /** A task of the index: its policies ({@code retry}, {@code timeout}, …) and its breaker's name. */
  record IndexedTask(String name, Set<String> policies, String breaker, String file) {}

  /** The index of every class path entry {@code loader} sees. */
  static TaskIndex load(ClassLoader loader) {
    Map<String, String> texts = new TreeMap<>();
    try {
      Enumeration<URL> folders = loader.getResources(FOLDER.substring(0, FOLDER.length() - 1));
      while (folders.hasMoreElements()) {
        readFolder(folders.nextElement(), texts);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read gogoscope's task index (" + FOLDER + ")", e);
    }
    return parse(texts);
  }

  /** The index made of {@code texts}, file name to contents. */
  static TaskIndex parse(Map<String, String> texts) {
    Map<String, IndexedTask> tasks = new TreeMap<>();
    Map<String, Set<String>> breakers = new TreeMap<>();
    for (Map.Entry<String, String> file : texts.entrySet()) {
      for (String line : file.getValue().split("\n")) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] fields = line.strip().split("\t");
        Set<String> policies = new TreeSet<>();
        String breaker = null;
        for (int i = 1; i < fields.length; i++) {
          String field = fields[i];
          if (field.startsWith("circuit-breaker=")) {
            breaker = field.substring("circuit-breaker=".length());
            policies.add("circuit-breaker");
          } else {
            policies.add(field);
          }
        }
        IndexedTask earlier = tasks.get(fields[0]);
        if (earlier != null) { // overloads share their task name: the union of their policies
          policies.addAll(earlier.policies());
          breaker = breaker != null ? breaker : earlier.breaker();
        }
        tasks.put(fields[0], new IndexedTask(fields[0], Collections.unmodifiableSet(policies), breaker, file.getKey()));
        if (breaker != null) {
          breakers.computeIfAbsent(breaker, b -> new TreeSet<>()).add(fields[0]);
        }
      }
    }
    return new TaskIndex(Collections.unmodifiableMap(tasks), Collections.unmodifiableMap(breakers),
        List.copyOf(texts.keySet()));
  }

  private static void readFolder(URL folder, Map<String, String> texts) throws IOException {
    switch (folder.getProtocol()) {
      case "file" -> {
        Path path;
        try {
          path = Path.of(folder.toURI());
        } catch (URISyntaxException e) {
          throw new IOException("unreadable folder URL " + folder, e);
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(path)) {
          for (Path file : files) {
            if (Files.isRegularFile(file)) {
              texts.putIfAbsent(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
          }
        }
      }
      case "jar" -> {
        URLConnection connection = folder.openConnection();
        if (connection instanceof JarURLConnection jar) {
          jar.setUseCaches(false);
          try (JarFile file = jar.getJarFile()) {
            List<JarEntry> entries = new ArrayList<>();
            file.stream()
                .filter(e -> !e.isDirectory() && e.getName().startsWith(FOLDER)
                    && e.getName().indexOf('/', FOLDER.length()) < 0)
                .forEach(entries::add);
            for (JarEntry entry : entries) {
              try (InputStream in = file.getInputStream(entry)) {
                texts.putIfAbsent(entry.getName().substring(FOLDER.length()), read(in));
              }
            }
          }
        }
      }
      default -> {
        // Another kind of class path entry (a custom class loader): its index cannot be listed.
      }
    }
  }

  private static String read(InputStream in) throws IOException {
    StringBuilder out = new StringBuilder();
    try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line; (line = reader.readLine()) != null; ) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }
}
