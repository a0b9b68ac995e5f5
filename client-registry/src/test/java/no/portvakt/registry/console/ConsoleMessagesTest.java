package no.portvakt.registry.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Every console text exists in bokmål, nynorsk and English. */
class ConsoleMessagesTest {

    @Test
    void everyKeyIsInEveryLanguage() throws IOException {
        Properties bokmal = load("i18n/console.properties");
        for (String other : new String[] {"i18n/console_nn.properties", "i18n/console_en.properties"}) {
            Properties language = load(other);
            assertThat(language.stringPropertyNames()).as(other).isEqualTo(bokmal.stringPropertyNames());
            language.forEach((key, text) -> assertThat(text.toString()).as(key.toString()).isNotBlank());
        }
    }

    private static Properties load(String resource) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ConsoleMessagesTest.class.getClassLoader().getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        }
        return properties;
    }
}
