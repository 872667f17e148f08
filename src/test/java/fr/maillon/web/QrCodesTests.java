package fr.maillon.web;

import java.security.SecureRandom;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Every QR code printed reads back as its link, at each size the pages serve (download, card, poster). */
class QrCodesTests {

    @Test
    void threeHundredRandomLinksReadBackAtEverySize() throws Exception {
        SecureRandom random = new SecureRandom();
        for (int i = 0; i < 300; i++) {
            byte[] token = new byte[18];
            random.nextBytes(token);
            String link = "https://maillon.example.org/s/" + Base64.getUrlEncoder().withoutPadding().encodeToString(token);
            for (int modulePixels : new int[] { 3, 4, 12 }) {
                assertThat(QrCodeReading.text(QrCodes.png(link, modulePixels))).as(link + " at " + modulePixels)
                        .isEqualTo(link);
            }
        }
    }
}
