package no.portvakt.representation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The mod-11 check of Norwegian national identity numbers, and what Portvakt reads from them. */
class FodselsnummerTest {

    @ParameterizedTest
    @ValueSource(strings = {"47906701517", "28816196088", "05895894984", "20861252052", "10831552064"})
    void validSyntheticNumbers(String pid) {
        Fodselsnummer fnr = new Fodselsnummer(pid);
        assertThat(fnr.isSynthetic()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"12048645510", "47906701518", "4790670151", "479067015170", "4790670151a", "",
            "00000000000", "31829912345"})
    void invalidNumbers(String pid) {
        assertThat(Fodselsnummer.isValid(pid)).isFalse();
        assertThat(Fodselsnummer.parse(pid)).isEmpty();
    }

    @Test
    void nullIsInvalid() {
        assertThat(Fodselsnummer.isValid(null)).isFalse();
    }

    @Test
    void birthDatesFollowTheIndividualNumberAndTheOffsets() {
        assertThat(new Fodselsnummer("20861252052").birthDate()).isEqualTo(LocalDate.of(2012, 6, 20));
        assertThat(new Fodselsnummer("10831552064").birthDate()).isEqualTo(LocalDate.of(2015, 3, 10));
        assertThat(new Fodselsnummer("28816196088").birthDate()).isEqualTo(LocalDate.of(1961, 1, 28));
        // A D-number (day + 40) that is also synthetic (month + 80): ID-porten's TestID user.
        assertThat(new Fodselsnummer("47906701517").birthDate()).isEqualTo(LocalDate.of(1967, 10, 7));
    }

    @Test
    void aRealLookingNumberIsNotSynthetic() {
        assertThat(new Fodselsnummer("01019010046").isSynthetic()).isFalse();
    }
}
