package fr.maillon;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Maillon: social value evaluation by value-chain analysis, for centres sociaux and their partners. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class MaillonApplication {

    public static void main(String[] args) {
        SpringApplication.run(MaillonApplication.class, args);
    }
}
