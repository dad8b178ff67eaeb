package io.gogoscope.processor.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NamesTest {

  @ParameterizedTest
  @CsvSource({
      "IOException, Io",
      "UserNotFoundException, UserNotFound",
      "SQLTimeoutException, SqlTimeout",
      "URISyntaxException, UriSyntax",
      "Exception, Failed",
      "TimeoutError, TimeoutError",
      "X509Exception, X509"})
  void variantNamesDropExceptionAndSpellAcronymsAsWords(String exception, String variant) {
    assertThat(Names.variantBase(exception)).isEqualTo(variant);
  }

  @ParameterizedTest
  @CsvSource({"FetchUser, FETCH_USER", "FindStringInt, FIND_STRING_INT", "Io, IO", "FindId, FIND_ID", "Get2Fa, GET2_FA"})
  void constantsAreUpperSnakeCase(String camel, String constant) {
    assertThat(Names.upperSnake(camel)).isEqualTo(constant);
  }
}
