package fr.maillon.organisation;

/** SIRET: 14 digits whose Luhn sum is a multiple of 10 (La Poste's establishments: of 5). */
final class Siret {

    private static final String LA_POSTE_SIREN = "356000000";

    private Siret() {
    }

    static boolean isValid(String siret) {
        if (!siret.matches("[0-9]{14}")) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < 14; i++) {
            int digit = siret.charAt(13 - i) - '0';
            if (i % 2 == 1) {
                digit *= 2;
                if (digit > 9) {
                    digit -= 9;
                }
            }
            sum += digit;
        }
        if (siret.startsWith(LA_POSTE_SIREN)) {
            return siret.chars().map(c -> c - '0').sum() % 5 == 0;
        }
        return sum % 10 == 0;
    }
}
