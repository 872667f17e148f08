package fr.maillon.chain;

public enum EvaluationStatus {
    FRAMING, COLLECTING, RESTITUTION, CLOSED
}
