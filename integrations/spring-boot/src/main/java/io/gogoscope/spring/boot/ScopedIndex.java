package io.gogoscope.spring.boot;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;

/**
 * Reads the Scoped index the processor writes, one resource per {@code @ScopeTask} interface:
 * {@code META-INF/gogoscope/scoped/<binary name of the interface>}, whose one non-comment line is
 * the binary name of the generated {@code Scoped*} interface. The folder is listed in each jar
 * and directory that holds it, as Micronaut lists its {@code META-INF/micronaut} entries; no class
 * is scanned.
 */
final class ScopedIndex {
  static final String FOLDER = "META-INF/gogoscope/scoped/";

  private ScopedIndex() {}

  /** The interfaces' binary names mapped to their Scoped interfaces' binary names, sorted. */
  static Map<String, String> read(ClassLoader loader) {
    Map<String, String> entries = new TreeMap<>();
    try {
      Enumeration<URL> folders = loader.getResources(FOLDER);
      while (folders.hasMoreElements()) {
        for (String name : list(folders.nextElement())) {
          URL entry = loader.getResource(FOLDER + name);
          if (entry != null) {
            entries.putIfAbsent(name, scopedName(entry));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not read gogoscope's Scoped index (" + FOLDER + ")", e);
    }
    return entries;
  }

  /** The file names in one copy of the folder: a directory on disk or a folder in a jar. */
  private static List<String> list(URL folder) throws IOException {
    List<String> names = new ArrayList<>();
    if ("file".equals(folder.getProtocol())) {
      Path path;
      try {
        path = Paths.get(folder.toURI());
      } catch (URISyntaxException e) {
        throw new IOException("not a path: " + folder, e);
      }
      try (Stream<Path> files = Files.list(path)) {
        files.filter(Files::isRegularFile).forEach(file -> names.add(file.getFileName().toString()));
      }
      return names;
    }
    URLConnection connection = folder.openConnection();
    if (connection instanceof JarURLConnection jar) {
      jar.setUseCaches(false);
      try (JarFile file = jar.getJarFile()) {
        String prefix = jar.getEntryName() == null ? FOLDER : jar.getEntryName();
        String folderPrefix = prefix.endsWith("/") ? prefix : prefix + "/";
        for (Enumeration<JarEntry> all = file.entries(); all.hasMoreElements(); ) {
          String entry = all.nextElement().getName();
          if (entry.startsWith(folderPrefix) && entry.length() > folderPrefix.length()
              && entry.indexOf('/', folderPrefix.length()) < 0) {
            names.add(entry.substring(folderPrefix.length()));
          }
        }
      }
    }
    return names;
  }

  private static String scopedName(URL entry) throws IOException {
    try (InputStream in = entry.openStream();
         BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        String trimmed = line.strip();
        if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
          return trimmed;
        }
      }
    }
    throw new IOException("gogoscope's Scoped index entry " + entry + " names no Scoped interface");
  }
}
