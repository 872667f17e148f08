package fr.maillon.framework;

public enum PeriodType {
    MONTH, QUARTER, YEAR, CUSTOM
}
