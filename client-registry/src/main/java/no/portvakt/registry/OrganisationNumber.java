package no.portvakt.registry;

/**
 * A Norwegian organisation number (Brønnøysundregistrene): nine digits, the last a mod-11 check digit over the
 * first eight with the weights 3, 2, 7, 6, 5, 4, 3, 2 (11 becomes 0; 10 means no valid number).
 */
public final class OrganisationNumber {

    private static final int[] WEIGHTS = {3, 2, 7, 6, 5, 4, 3, 2};

    private OrganisationNumber() {
    }

    public static boolean isValid(String value) {
        if (value == null || !value.matches("\\d{9}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < WEIGHTS.length; i++) {
            sum += WEIGHTS[i] * (value.charAt(i) - '0');
        }
        int check = 11 - sum % 11;
        if (check == 11) {
            check = 0;
        }
        return check != 10 && check == value.charAt(8) - '0';
    }
}
