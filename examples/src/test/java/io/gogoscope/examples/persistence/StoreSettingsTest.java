package io.gogoscope.examples.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gogoscope.examples.persistence.StoreSettings.Backend;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {

  @Test
  void withoutPropertiesTheStoreIsANewSqliteFile() {
    assertThat(StoreSettings.from(new Properties()))
        .isEqualTo(new StoreSettings(Backend.SQLITE, Optional.empty(), "", "", Optional.empty()));
  }

  @Test
  void aServerBackendDefaultsToTheMachinesServer() {
    assertThat(StoreSettings.from(properties("gogoscope.store", "postgres")))
        .isEqualTo(new StoreSettings(
            Backend.POSTGRES, Optional.of("jdbc:postgresql://127.0.0.1:5432/test"), "postgres", "", Optional.empty()));
  }

  @Test
  void emptyValuesAsMavenPassesUnsetPropertiesOnMeanTheDefault() {
    Properties properties = properties("gogoscope.store", "Redis");
    properties.setProperty("gogoscope.store.url", "");
    properties.setProperty("gogoscope.store.prefix", " ");
    assertThat(StoreSettings.from(properties)).isEqualTo(StoreSettings.defaults(Backend.REDIS));
  }

  @Test
  void givenValuesWin() {
    Properties properties = properties("gogoscope.store", "mariadb");
    properties.setProperty("gogoscope.store.url", "jdbc:mariadb://db:3306/shop");
    properties.setProperty("gogoscope.store.user", "shop");
    properties.setProperty("gogoscope.store.password", "secret");
    properties.setProperty("gogoscope.store.prefix", "shop_");
    assertThat(StoreSettings.from(properties))
        .isEqualTo(new StoreSettings(
            Backend.MARIADB, Optional.of("jdbc:mariadb://db:3306/shop"), "shop", "secret", Optional.of("shop_")));
  }

  @Test
  void anUnknownBackendSaysWhichOnesThereAre() {
    assertThatThrownBy(() -> StoreSettings.from(properties("gogoscope.store", "mongo")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-Dgogoscope.store=mongo names no backend the examples know; use one of sqlite, postgres,"
            + " mariadb, redis (default sqlite)");
  }

  private static Properties properties(String name, String value) {
    Properties properties = new Properties();
    properties.setProperty(name, value);
    return properties;
  }
}
