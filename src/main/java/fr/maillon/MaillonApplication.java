package fr.maillon;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Maillon: social value evaluation by value-chain analysis, for centres sociaux and their partners. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class MaillonApplication {

    public static void main(String[] args) {
        HeapDefaults.apply();
        SpringApplication.run(MaillonApplication.class, args);
    }
}
