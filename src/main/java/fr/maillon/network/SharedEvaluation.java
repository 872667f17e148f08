package fr.maillon.network;

import java.time.LocalDate;

import fr.maillon.chain.EvaluationStatus;

/** An evaluation a structure shares with the network, and how far it has gone. */
public record SharedEvaluation(long id, String title, EvaluationStatus status, LocalDate periodStart,
        LocalDate periodEnd) {
}
