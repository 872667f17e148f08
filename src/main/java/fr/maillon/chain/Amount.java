package fr.maillon.chain;

import java.math.BigDecimal;

/** A quantity in a unit (e.g. 120 heures). */
public record Amount(BigDecimal quantity, String unit) {
}
