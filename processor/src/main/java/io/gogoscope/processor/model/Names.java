package io.gogoscope.processor.model;

import javax.lang.model.type.ArrayType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.util.Types;

/** The spelling rules of generated names, in one place so that every layer spells them alike. */
public final class Names {

  /** {@code fetchUser} becomes {@code FetchUser}. */
  public static String capitalize(String name) {
    return name.isEmpty() ? name : Character.toUpperCase(name.charAt(0)) + name.substring(1);
  }

  /** {@code FetchUser} becomes {@code fetchUser}; a leading acronym is lowered whole ({@code IoRead}). */
  public static String decapitalize(String name) {
    return name.isEmpty() ? name : Character.toLowerCase(name.charAt(0)) + name.substring(1);
  }

  /** {@code FetchUser} becomes {@code FETCH_USER}. */
  public static String upperSnake(String camel) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < camel.length(); i++) {
      char c = camel.charAt(i);
      boolean wordStart = i > 0 && Character.isUpperCase(c)
          && (Character.isLowerCase(camel.charAt(i - 1)) || Character.isDigit(camel.charAt(i - 1))
              || (i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1))
                  && Character.isUpperCase(camel.charAt(i - 1))));
      if (wordStart && out.charAt(out.length() - 1) != '_') {
        out.append('_');
      }
      out.append(Character.toUpperCase(c));
    }
    return out.toString();
  }

  /**
   * The variant name of a declared exception: the simple name without {@code Exception}, acronyms
   * spelled as words ({@code IOException} is {@code Io}, {@code SQLTimeoutException} is
   * {@code SqlTimeout}). {@code Exception} itself is {@code Failed}.
   */
  public static String variantBase(String exceptionSimpleName) {
    String base = exceptionSimpleName.endsWith("Exception")
        ? exceptionSimpleName.substring(0, exceptionSimpleName.length() - "Exception".length())
        : exceptionSimpleName;
    return base.isEmpty() ? "Failed" : wordCase(base);
  }

  /** Spells upper-case runs as words: {@code URISyntax} becomes {@code UriSyntax}, {@code ID} {@code Id}. */
  public static String wordCase(String name) {
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < name.length()) {
      if (!Character.isUpperCase(name.charAt(i))) {
        out.append(name.charAt(i++));
        continue;
      }
      int run = i;
      while (run < name.length() && Character.isUpperCase(name.charAt(run))) {
        run++;
      }
      // In "URISyntax" the last capital of the run starts the next word.
      int end = run - i > 1 && run < name.length() && Character.isLowerCase(name.charAt(run)) ? run - 1 : run;
      out.append(name.charAt(i)).append(name.substring(i + 1, end).toLowerCase(java.util.Locale.ROOT));
      i = end;
    }
    return out.toString();
  }

  /**
   * The word a parameter type adds to an overloaded method's generated names: the simple name of
   * its erasure ({@code List} for {@code List<String>}), {@code Int} for {@code int},
   * {@code StringArray} for {@code String[]}, the variable's name for a type variable.
   */
  public static String typeWord(TypeMirror type, Types types) {
    return switch (type.getKind()) {
      case ARRAY -> typeWord(((ArrayType) type).getComponentType(), types) + "Array";
      case TYPEVAR -> capitalize(wordCase(((TypeVariable) type).asElement().getSimpleName().toString()));
      case DECLARED, ERROR -> wordCase(types.asElement(type).getSimpleName().toString());
      default -> capitalize(type.getKind().name().toLowerCase(java.util.Locale.ROOT));
    };
  }

  private Names() {}
}
