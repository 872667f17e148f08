package fr.maillon.framework;

/** Where an indicator's values come from. */
public enum DataSource {
    MANUAL, SURVEY, FORMULA, IMPORT
}
