package no.portvakt.registry;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Organisation numbers: nine digits with a mod-11 check digit (weights 3, 2, 7, 6, 5, 4, 3, 2). */
class OrganisationNumberTest {

    @Test
    void validNumbersPassAndEveryOtherCheckDigitFails() {
        assertThat(OrganisationNumber.isValid("991825827")).isTrue();
        assertThat(OrganisationNumber.isValid("974760673")).isTrue();
        for (char d = '0'; d <= '9'; d++) {
            if (d != '7') {
                assertThat(OrganisationNumber.isValid("99182582" + d)).as("check digit " + d).isFalse();
            }
        }
        assertThat(OrganisationNumber.isValid("99182582")).isFalse();
        assertThat(OrganisationNumber.isValid("99182582x")).isFalse();
        assertThat(OrganisationNumber.isValid(null)).isFalse();
    }
}
