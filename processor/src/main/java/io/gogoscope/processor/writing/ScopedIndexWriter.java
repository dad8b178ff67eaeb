package io.gogoscope.processor.writing;

import io.gogoscope.processor.model.InterfaceModel;

/**
 * Writes the Scoped index entry of a validated interface, the resource
 * {@code META-INF/gogoscope/scoped/<binary name of the interface>}: one line, the binary name of
 * its generated {@code Scoped*} interface. The Spring Boot starter lists that folder through the
 * class loader's resources to give every bean implementing the interface its {@code Scoped*} bean,
 * with no class-path scanning. One resource per interface, originating from that interface alone,
 * keeps the processor isolating (an aggregated list would make Gradle's builds non-incremental).
 */
public final class ScopedIndexWriter {
  /** The folder of the Scoped index in the class output. */
  public static final String FOLDER = "META-INF/gogoscope/scoped/";

  /** The index resource's path for the interface whose binary name is {@code binaryName}. */
  public static String path(String binaryName) {
    return FOLDER + binaryName;
  }

  /** The index resource of {@code model}, whose binary name is {@code binaryName}. */
  public String write(InterfaceModel model, String binaryName) {
    String scoped = model.packageName().isEmpty()
        ? model.scopedName()
        : model.packageName() + "." + model.scopedName();
    return "# gogoscope Scoped index of " + binaryName + ", written by " + ScopedWriter.GENERATOR + ".\n"
        + "# The generated interface whose of(delegate, runtime) wraps an implementation of it:\n"
        + scoped + "\n";
  }
}
