package no.portvakt.representation;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A Norwegian national identity number (fødselsnummer), a D-number (day + 40) or a synthetic test number
 * (month + 80, Tenor). Eleven digits: DDMMYY, a three-digit individual number and two mod-11 check digits.
 */
public record Fodselsnummer(String value) {

    private static final int[] K1 = {3, 7, 6, 1, 8, 9, 4, 5, 2};
    private static final int[] K2 = {5, 4, 3, 2, 7, 6, 5, 4, 3, 2};

    public Fodselsnummer {
        if (!isValid(value)) {
            throw new IllegalArgumentException("Not a valid fødselsnummer");
        }
    }

    public static Optional<Fodselsnummer> parse(String value) {
        return isValid(value) ? Optional.of(new Fodselsnummer(value)) : Optional.empty();
    }

    public static boolean isValid(String value) {
        if (value == null || !value.matches("\\d{11}")) {
            return false;
        }
        int[] d = value.chars().map(c -> c - '0').toArray();
        int k1 = checkDigit(d, K1);
        int k2 = checkDigit(d, K2);
        return k1 == d[9] && k2 == d[10] && birthDate(d).isPresent();
    }

    /** True for Tenor's synthetic numbers: the month is offset by 80. */
    public boolean isSynthetic() {
        return Integer.parseInt(value.substring(2, 4)) > 80;
    }

    public LocalDate birthDate() {
        return birthDate(value.chars().map(c -> c - '0').toArray()).orElseThrow();
    }

    private static int checkDigit(int[] d, int[] weights) {
        int sum = 0;
        for (int i = 0; i < weights.length; i++) {
            sum += weights[i] * d[i];
        }
        int k = 11 - sum % 11;
        return k == 11 ? 0 : k; // 10 never matches a digit, so such a number is invalid
    }

    private static Optional<LocalDate> birthDate(int[] d) {
        int day = d[0] * 10 + d[1];
        int month = d[2] * 10 + d[3];
        int year = d[4] * 10 + d[5];
        int individual = d[6] * 100 + d[7] * 10 + d[8];
        if (day > 40) {
            day -= 40; // D-number
        }
        if (month > 80) {
            month -= 80; // synthetic (Tenor)
        } else if (month > 40) {
            month -= 40; // synthetic (NAV/Skatteetaten)
        }
        int century;
        if (individual <= 499) {
            century = 1900;
        } else if (individual <= 749 && year >= 54) {
            century = 1800;
        } else if (individual >= 900 && year >= 40) {
            century = 1900;
        } else {
            century = 2000;
        }
        try {
            return Optional.of(LocalDate.of(century + year, month, day));
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }
}
