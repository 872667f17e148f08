package fr.maillon.web;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LanguageSwitchAdviceTests {

    @Test
    void keepsOnlyPathsOfThisSite() {
        assertThat(LanguageSwitchAdvice.isLocalPath("/structures/1")).isTrue();
        assertThat(LanguageSwitchAdvice.isLocalPath("//evil.example/x")).isFalse();
        assertThat(LanguageSwitchAdvice.isLocalPath("/\\evil.example")).isFalse();
        assertThat(LanguageSwitchAdvice.isLocalPath("https://evil.example")).isFalse();
    }
}
